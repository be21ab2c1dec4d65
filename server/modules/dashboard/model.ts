export {
  dashboardQuery,
  dashboardResponses,
  exportResponses,
  reportsResponses,
  setupResponses,
  type DashboardQuery,
} from '../../../shared/contract/dashboard';
