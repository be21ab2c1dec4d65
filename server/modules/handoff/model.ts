// Request schemas of /api/v1 (shared/contract/handoff.ts).
export {
  v1IdParams as idParams,
  handoffBody,
  relayBody,
  v1MessagesQuery as messagesQuery,
  v1AssignBody as assignBody,
  v1ChoiceBody as choiceBody,
  contactLookupQuery,
  contactPatchBody,
  v1TagBody as tagBody,
  v1FieldBody as fieldBody,
  v1InviteBody as inviteBody,
  createMemberBody,
  v1LoginLinkBody as loginLinkBody,
} from '../../../shared/contract/handoff';
export { tagParams, fieldParams } from '../../../shared/contract/contacts';
