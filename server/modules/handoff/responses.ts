// Response schemas of /api/v1, for the OpenAPI document and checked against the shared DTOs at
// compile time (the `satisfies` lines), so the documentation cannot drift from what is sent.
import { t, type Static } from 'elysia';
import type { ContactDto, InvitationDto, MemberDto, MessageDto, TeamDto } from '../../../shared/types/dto';
import { ASSIGNMENT_STRATEGIES, AUTHOR_KINDS, CHAT_CHANNELS, CHAT_STATUSES, CONTACT_STATUSES, CUSTOM_FIELD_TYPES, MANUAL_STATUSES, PERMISSION_MODES, ROLES, UNRESPONSIVE_CHOICES, UNRESPONSIVE_STRATEGIES } from '../../../shared/types/enums';
import type { HandoffChatDto } from '../../services/handoff';

const nullable = <T extends Parameters<typeof t.Union>[0][number]>(schema: T) => t.Union([schema, t.Null()]);
const str = t.String();
const date = t.String({ description: 'ISO 8601' });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => t.UnionEnum(values);

export const errorSchema = t.Object(
  {
    error: t.Object({
      code: t.String({ description: 'VALIDATION, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, RATE_LIMITED, …' }),
      message: str,
      field: t.Optional(t.String({ description: 'Path of the offending input, e.g. body.contact.email' })),
      details: t.Optional(t.Record(t.String(), t.Unknown())),
    }),
  },
  { title: 'ErrorBody' },
);

const author = t.Object({ kind: oneOf(AUTHOR_KINDS), id: nullable(str), name: nullable(str) });

export const messageSchema = t.Object(
  {
    id: str,
    chatId: str,
    seq: t.Number({ description: 'Position in the chat, strictly increasing' }),
    clientId: nullable(str),
    author,
    text: str,
    attachments: t.Array(t.Object({ id: str, name: str, contentType: str, size: t.Number(), url: t.String({ description: 'GET with the API key' }) })),
    actions: t.Array(t.Object({ id: oneOf(UNRESPONSIVE_CHOICES), label: str })),
    createdAt: date,
  },
  { title: 'Message' },
);

export const chatSchema = t.Object(
  {
    id: str,
    contactId: str,
    contact: t.Object({ id: str, name: nullable(str), username: nullable(str), email: nullable(str) }),
    teamId: str,
    assigneeId: nullable(str),
    assigneeName: nullable(str),
    status: oneOf(CHAT_STATUSES),
    channel: oneOf(CHAT_CHANNELS),
    lastSeq: t.Number(),
    lastMessage: nullable(t.Object({ seq: t.Number(), text: str, author, createdAt: date })),
    createdAt: date,
    assignedAt: nullable(date),
    firstResponseAt: nullable(date),
    endedAt: nullable(date),
    awaitingChoice: t.Boolean(),
    handoffId: nullable(str),
    url: t.String({ description: 'The chat in the agent console' }),
  },
  { title: 'Chat' },
);

export const contactSchema = t.Object(
  {
    id: str,
    name: nullable(str),
    username: nullable(str),
    email: nullable(str),
    phone: nullable(str),
    status: oneOf(CONTACT_STATUSES),
    tags: t.Array(str),
    customFields: t.Array(t.Object({ key: str, type: oneOf(CUSTOM_FIELD_TYPES), value: t.Union([str, t.Number(), t.Boolean()]) })),
    externalIds: t.Object({ botUserId: nullable(str), channel: nullable(str), userId: nullable(str) }),
    lastAgentId: nullable(str),
    visitor: t.Object({ pageUrl: nullable(str), referrer: nullable(str), browser: nullable(str), language: nullable(str) }),
    firstSeenAt: date,
    lastSeenAt: date,
    chatCount: t.Number(),
  },
  { title: 'Contact' },
);

const interval = t.Object({ start: str, end: str });
const schedule = t.Object({
  timezone: str,
  weekly: t.Record(t.String(), t.Array(interval)),
  exceptions: t.Array(t.Object({ date: str, intervals: t.Array(interval), label: t.Optional(str) })),
});

export const teamSchema = t.Object(
  {
    id: str,
    name: str,
    memberIds: t.Array(str),
    isDefault: t.Boolean(),
    createdAt: date,
    permissionMode: oneOf(PERMISSION_MODES),
    schedule: nullable(schedule),
    afterHoursMessage: str,
    assignmentStrategy: oneOf(ASSIGNMENT_STRATEGIES),
    assignedMessage: str,
    unresponsiveStrategy: oneOf(UNRESPONSIVE_STRATEGIES),
    unresponsiveTimeoutSeconds: t.Number(),
    unresponsiveMessage: str,
    maxChatsPerAgent: nullable(t.Number()),
  },
  { title: 'Team' },
);

export const memberSchema = t.Object(
  {
    id: str,
    email: str,
    name: str,
    role: oneOf(ROLES),
    teamIds: t.Array(str),
    phone: nullable(str),
    active: t.Boolean(),
    manualStatus: oneOf(MANUAL_STATUSES),
    notifications: t.Object({ email: t.Boolean(), sms: t.Boolean(), sound: t.Boolean() }),
    schedule: nullable(schedule),
    maxConcurrentChats: nullable(t.Number()),
    createdAt: date,
  },
  { title: 'Member' },
);

export const invitationSchema = t.Object(
  { id: str, email: str, role: oneOf(ROLES), teamIds: t.Array(str), expiresAt: date, acceptedAt: nullable(date), createdAt: date },
  { title: 'Invitation' },
);

export const handoffResponse = t.Object({ chat: chatSchema, contact: contactSchema }, { title: 'Handoff' });
export const loginLinkResponse = t.Object({ url: t.String({ description: 'Opens the console signed in; valid once, for 60 seconds' }), expiresAt: date });
export const listOf = <T extends Parameters<typeof t.Array>[0]>(item: T) => t.Object({ items: t.Array(item) });

/** Error answers every v1 route can give, documented once. */
export const commonErrors = { 400: errorSchema, 401: errorSchema, 404: errorSchema, 429: errorSchema } as const;

// Compile-time agreement with the DTOs the services return.
({}) as HandoffChatDto satisfies Static<typeof chatSchema>;
({}) as MessageDto satisfies Static<typeof messageSchema>;
({}) as ContactDto satisfies Static<typeof contactSchema>;
({}) as TeamDto satisfies Static<typeof teamSchema>;
({}) as MemberDto satisfies Static<typeof memberSchema>;
({}) as InvitationDto satisfies Static<typeof invitationSchema>;
