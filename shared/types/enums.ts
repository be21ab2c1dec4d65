// Enumerations that server, console and widget agree on. Kept as `as const` tuples so the
// server's schemas (shared/contract, `oneOf`) and the socket-frame checks
// (shared/protocol/validate.ts) are built from the same lists the UI renders.

/** Whether `value` is one of `values`: the one membership test behind every enum check. */
export const isOneOf = <const T extends readonly string[]>(values: T, value: unknown): value is T[number] =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

export const ROLES = ['owner', 'admin', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSION_MODES = ['collaborative', 'self_service', 'restrictive'] as const;
export type PermissionMode = (typeof PERMISSION_MODES)[number];

export const CHAT_STATUSES = ['unassigned', 'assigned', 'ended'] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];

export const CHAT_CHANNELS = ['web', 'api'] as const;
export type ChatChannel = (typeof CHAT_CHANNELS)[number];

export const AUTHOR_KINDS = ['contact', 'agent', 'bot', 'system'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

export const ASSIGNMENT_STRATEGIES = ['none', 'round_robin', 'round_robin_by_contact'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export const UNRESPONSIVE_STRATEGIES = ['none', 'reassign', 'offer_choice'] as const;
export type UnresponsiveStrategy = (typeof UNRESPONSIVE_STRATEGIES)[number];

export const MANUAL_STATUSES = ['available', 'away'] as const;
export type ManualStatus = (typeof MANUAL_STATUSES)[number];

/** Presence from open console tabs (server/domain/presence.ts), beside the manual status. */
export const PRESENCES = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];

export const CUSTOM_FIELD_TYPES = ['string', 'number', 'boolean', 'date'] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const CONTACT_STATUSES = ['open', 'lead', 'customer', 'closed', 'blocked'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** What happened to a chat's assignment, kept as its history. */
export const CHAT_EVENT_KINDS = [
  'created',
  'claimed',
  'assigned',
  'reassigned',
  'auto_assigned',
  'unresponsive_reassigned',
  'team_changed',
  /** Put back into its team's queue (e.g. its agent was deactivated). */
  'requeued',
  'ended',
] as const;
export type ChatEventKind = (typeof CHAT_EVENT_KINDS)[number];

/** The two answers a visitor can give when the assigned agent does not respond. */
export const UNRESPONSIVE_CHOICES = ['another_agent', 'keep_waiting'] as const;
export type UnresponsiveChoice = (typeof UNRESPONSIVE_CHOICES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The console's inbox views of `GET /api/chats`. */
export const CHAT_VIEWS = ['unassigned', 'mine', 'all', 'team'] as const;
export type ChatView = (typeof CHAT_VIEWS)[number];

/** The `status` filter of `GET /api/chats`: open is unassigned + assigned. */
export const CHAT_LIST_STATUSES = ['open', 'ended'] as const;
export type ChatListStatus = (typeof CHAT_LIST_STATUSES)[number];

/** Who did what a chat event records. */
export const EVENT_ACTOR_KINDS = ['agent', 'system', 'automation', 'contact'] as const;
export type EventActorKind = (typeof EVENT_ACTOR_KINDS)[number];

export const WIDGET_POSITIONS = ['left', 'right'] as const;
export type WidgetPosition = (typeof WIDGET_POSITIONS)[number];

/** Authors of the bot transcript a handoff carries. */
export const TRANSCRIPT_AUTHORS = ['bot', 'contact'] as const;
export type TranscriptAuthor = (typeof TRANSCRIPT_AUTHORS)[number];
