export { inviteBody, invitationTokenParams as tokenParams, acceptInvitationBody as acceptBody, invitationResponses } from '../../../shared/contract/invitations';
