export { signupBody, loginBody, passwordBody, forgotBody, resetBody, loginLinkBody, authResponses } from '../../../shared/contract/auth';
