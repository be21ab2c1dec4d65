export { orgPatchBody, orgResponses } from '../../../shared/contract/org';
