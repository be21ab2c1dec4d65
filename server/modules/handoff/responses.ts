// Response schemas of /api/v1 (shared/contract). The DTOs the services return are these
// schemas' static types, so the documentation cannot drift from what is sent.
export { errorBody as errorSchema, listOf } from '../../../shared/contract/common';
export { messageSchema, handoffChatSchema as chatSchema } from '../../../shared/contract/chats';
export { contactSchema } from '../../../shared/contract/contacts';
export { teamSchema } from '../../../shared/contract/teams';
export { memberSchema } from '../../../shared/contract/members';
export { invitationSchema } from '../../../shared/contract/invitations';
export { handoffResponse, loginLinkResponse, v1Errors as commonErrors } from '../../../shared/contract/handoff';
