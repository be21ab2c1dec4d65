export { dashboardQuery, dashboardResponses, type DashboardQuery } from '../../../shared/contract/dashboard';
