// Enumerations that server, console and widget agree on. Kept as `as const` tuples so the
// server can build validators from the same lists the UI renders.

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
