// The stored shapes, for code outside server/db/ that reads what repositories return. Types
// only: importing them never gives access to a model.
export type { ApiKeyDoc } from './models/api-key';
export type { ChatEventDoc } from './models/chat-event';
export type { ChatDoc } from './models/chat';
export type { ContactDoc } from './models/contact';
export type { IdempotencyRecordDoc } from './models/idempotency-record';
export type { InvitationDoc } from './models/invitation';
export type { MessageDoc } from './models/message';
export type { NoteDoc } from './models/note';
export type { MentionDoc } from './models/mention';
export type { OneTimeTokenDoc } from './models/one-time-token';
export type { OrganizationDoc } from './models/organization';
export type { PresenceDoc } from './models/presence';
export type { SavedReplyDoc } from './models/saved-reply';
export type { SeenSignatureDoc } from './models/seen-signature';
export type { SessionDoc } from './models/session';
export type { TeamDoc } from './models/team';
export type { UserDoc } from './models/user';
export type { VisitorSessionDoc } from './models/visitor-session';
export type { WebhookDeliveryDoc } from './models/webhook-delivery';
export type { ObjectId } from './ids';
export type { ScopedFilter, Update } from './scoped-collection';
export type { ContactSummary } from './repos/contacts';
export type { StoredFile, UploadMeta } from './repos/files';
