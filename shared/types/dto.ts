// Shapes that cross the wire (REST bodies and socket payloads). Ids are strings, instants are
// ISO-8601 strings. The server maps its documents to these in one place per entity.
import type {
  AssignmentStrategy,
  AuthorKind,
  ChatChannel,
  ChatEventKind,
  ChatStatus,
  ContactStatus,
  CustomFieldType,
  ManualStatus,
  PermissionMode,
  Role,
  UnresponsiveChoice,
  UnresponsiveStrategy,
} from './enums';
import type { Schedule } from './schedule';

export type Id = string;
export type IsoDate = string;

export interface WidgetSettings {
  title: string;
  color: string;
  greeting: string;
  position: 'left' | 'right';
  allowedOrigins: string[];
}

export interface OrgDto {
  id: Id;
  name: string;
  timezone: string;
  /** Public key the embed snippet carries in `data-org`. */
  widgetKey: string;
  widget: WidgetSettings;
  handoff: { webhookUrl: string | null; hasSecret: boolean };
  createdAt: IsoDate;
}

export interface NotificationPrefs {
  email: boolean;
  sms: boolean;
  sound: boolean;
}

export interface MemberDto {
  id: Id;
  email: string;
  name: string;
  role: Role;
  teamIds: Id[];
  phone: string | null;
  active: boolean;
  manualStatus: ManualStatus;
  notifications: NotificationPrefs;
  schedule: Schedule | null;
  maxConcurrentChats: number | null;
  createdAt: IsoDate;
}

/** `PATCH /api/me`: what a member changes about themselves. */
export interface ProfilePatch {
  name?: string;
  email?: string;
  /** Required with a new e-mail. */
  currentPassword?: string;
  phone?: string | null;
  notifications?: Partial<NotificationPrefs>;
  manualStatus?: ManualStatus;
  schedule?: Schedule | null;
}

export interface InvitationDto {
  id: Id;
  email: string;
  role: Role;
  teamIds: Id[];
  expiresAt: IsoDate;
  acceptedAt: IsoDate | null;
  createdAt: IsoDate;
}

export interface TeamSettings {
  permissionMode: PermissionMode;
  /** null: always open. */
  schedule: Schedule | null;
  afterHoursMessage: string;
  assignmentStrategy: AssignmentStrategy;
  /** Template posted to the visitor on auto-assignment; `{agent}` is the agent's name. */
  assignedMessage: string;
  unresponsiveStrategy: UnresponsiveStrategy;
  unresponsiveTimeoutSeconds: number;
  unresponsiveMessage: string;
  /** Per-agent cap of open chats in this team; null: no cap. */
  maxChatsPerAgent: number | null;
}

export interface TeamDto extends TeamSettings {
  id: Id;
  name: string;
  memberIds: Id[];
  isDefault: boolean;
  createdAt: IsoDate;
}

export type CustomFieldValue = string | number | boolean | null;

export interface CustomField {
  key: string;
  type: CustomFieldType;
  /** Dates travel as ISO strings. */
  value: string | number | boolean;
}

export interface VisitorInfo {
  pageUrl: string | null;
  referrer: string | null;
  browser: string | null;
  language: string | null;
}

export interface ContactDto {
  id: Id;
  name: string | null;
  username: string | null;
  email: string | null;
  phone: string | null;
  status: ContactStatus;
  tags: string[];
  customFields: CustomField[];
  externalIds: { botUserId: string | null; channel: string | null; userId: string | null };
  lastAgentId: Id | null;
  visitor: VisitorInfo;
  firstSeenAt: IsoDate;
  lastSeenAt: IsoDate;
  chatCount: number;
}

export interface ChatDto {
  id: Id;
  contactId: Id;
  contact: Pick<ContactDto, 'id' | 'name' | 'username' | 'email'>;
  teamId: Id;
  assigneeId: Id | null;
  /** The assigned agent's display name, for "Olivia joined the chat". */
  assigneeName: string | null;
  status: ChatStatus;
  channel: ChatChannel;
  lastSeq: number;
  lastMessage: Pick<MessageDto, 'seq' | 'text' | 'author' | 'createdAt'> | null;
  createdAt: IsoDate;
  assignedAt: IsoDate | null;
  firstResponseAt: IsoDate | null;
  endedAt: IsoDate | null;
  /** True while the visitor is offered the unresponsive-agent choice. */
  awaitingChoice: boolean;
}

export interface AttachmentDto {
  id: Id;
  name: string;
  contentType: string;
  size: number;
  /** Path under the server to download it (authorized per caller). */
  url: string;
}

export interface MessageAction {
  id: UnresponsiveChoice;
  label: string;
}

export interface MessageAuthor {
  kind: AuthorKind;
  /** Agent id for `agent`, contact id for `contact`, null for bot/system. */
  id: Id | null;
  name: string | null;
}

export interface MessageDto {
  id: Id;
  chatId: Id;
  seq: number;
  clientId: string | null;
  author: MessageAuthor;
  text: string;
  attachments: AttachmentDto[];
  /** Buttons offered to the visitor (unresponsive-agent choice). */
  actions: MessageAction[];
  createdAt: IsoDate;
}

export interface ChatEventDto {
  id: Id;
  chatId: Id;
  kind: ChatEventKind;
  actor: { kind: 'agent' | 'system' | 'automation' | 'contact'; id: Id | null; name: string | null };
  fromAssigneeId: Id | null;
  toAssigneeId: Id | null;
  fromTeamId: Id | null;
  toTeamId: Id | null;
  createdAt: IsoDate;
}

export interface BadgeCounts {
  unassigned: number;
  mine: number;
  all: number;
  /** Open (unassigned + assigned) chats per visible team. */
  teams: Record<Id, number>;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; null at the end. */
  next: string | null;
}

/** What the widget needs before the visitor writes. */
export interface WidgetConfigDto {
  orgName: string;
  widget: Omit<WidgetSettings, 'allowedOrigins'>;
  team: { id: Id; name: string; open: boolean; afterHoursMessage: string | null };
}

export interface VisitorSessionDto {
  token: string;
  contactId: Id;
  identified: boolean;
}
