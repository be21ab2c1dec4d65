export { memberPatchBody, memberResponses } from '../../../shared/contract/members';
