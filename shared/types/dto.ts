// Shapes that cross the wire (REST bodies and socket payloads). Ids are strings, instants are
// ISO-8601 strings. The server maps its documents to these in one place per entity.
//
// Each type is the static type of its schema in shared/contract/ (the schema is the type; the
// OpenAPI document and the server's response checks use the same schema). Type-only imports:
// this file stays free of TypeBox at runtime, so console and widget may import it freely.
export type { WidgetSettings, OrgDto, OrgPatch } from '../contract/org';
export type { NotificationPrefs, MemberDto, MemberPatch, ProfilePatch } from '../contract/members';
export type { InvitationDto, InvitationLookupDto } from '../contract/invitations';
export type { TeamSettings, TeamDto, TeamInput } from '../contract/teams';
export type { CustomField, VisitorInfo, ContactDto } from '../contract/contacts';
export type {
  AttachmentDto,
  MessageAction,
  MessageAuthor,
  MessageDto,
  ChatDto,
  HandoffChatDto,
  ChatEventDto,
  BadgeCounts,
  ChatWithCapabilities,
} from '../contract/chats';
export type { WidgetConfigDto, VisitorSessionDto } from '../contract/widget-api';

export type Id = string;
export type IsoDate = string;

export type CustomFieldValue = string | number | boolean | null;

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; null at the end. */
  next: string | null;
}
