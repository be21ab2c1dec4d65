// Chats, messages, members, organizations, teams and contacts for the store tests: a valid DTO with plain defaults, changed where a test
// says so.
import type { ChatDto, ContactDto, MemberDto, MessageDto, OrgDto, TeamDto } from '../../shared/types/dto';

/** An unassigned web chat of contact c1 (Ann) in team t1, with no messages yet. */
export function fakeChat(p: Partial<ChatDto> & { id: string }): ChatDto {
  return {
    contactId: 'c1',
    contact: { id: 'c1', name: 'Ann', username: null, email: null },
    teamId: 't1',
    assigneeId: null,
    assigneeName: null,
    status: 'unassigned',
    channel: 'web',
    lastSeq: 0,
    lastMessage: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    assignedAt: null,
    firstResponseAt: null,
    endedAt: null,
    awaitingChoice: false,
    ...p,
  };
}

/** Message `seq` of contact c1 (Ann), text "m<seq>", sent <seq> seconds after 10:00. */
export function fakeMessage(seq: number, p: Partial<MessageDto> = {}): MessageDto {
  return {
    id: `id${seq}`,
    chatId: 'x',
    seq,
    clientId: null,
    author: { kind: 'contact', id: 'c1', name: 'Ann' },
    text: `m${seq}`,
    attachments: [],
    actions: [],
    createdAt: `2025-01-01T10:00:${String(seq).padStart(2, '0')}.000Z`,
    ...p,
  };
}

/** An active agent of team t1; the console checks answers against the contract, so every field is here. */
export function fakeMember(p: Partial<MemberDto> & { id: string }): MemberDto {
  return {
    email: `${p.id}@example.test`,
    name: 'Agent',
    role: 'agent',
    teamIds: ['t1'],
    phone: null,
    active: true,
    manualStatus: 'available',
    notifications: { email: true, sms: false, sound: false },
    schedule: null,
    maxConcurrentChats: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...p,
  };
}

export function fakeOrg(p: Partial<OrgDto> & { id: string }): OrgDto {
  return {
    name: `Org ${p.id}`,
    timezone: 'UTC',
    widgetKey: `key-${p.id}`,
    widget: { title: 'Chat with us', color: '#2563eb', greeting: 'Hi!', position: 'right', allowedOrigins: [] },
    widgetTexts: {},
    handoff: { webhookUrl: null, hasSecret: false },
    transcriptAutoEmail: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...p,
  };
}

export function fakeTeam(p: Partial<TeamDto> & { id: string }): TeamDto {
  return {
    name: 'Team',
    memberIds: [],
    isDefault: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    permissionMode: 'collaborative',
    schedule: null,
    afterHoursMessage: '',
    assignmentStrategy: 'none',
    assignedMessage: '',
    unresponsiveStrategy: 'none',
    unresponsiveTimeoutSeconds: 120,
    unresponsiveMessage: '',
    maxChatsPerAgent: null,
    onlineOnlyRouting: true,
    autoResolveMinutes: null,
    autoResolveMessage: '',
    prechatForm: { enabled: false, fields: [] },
    offlineWhenNoAgentOnline: false,
    ...p,
  };
}

export function fakeContact(p: Partial<ContactDto> & { id: string }): ContactDto {
  return {
    name: null,
    username: null,
    email: null,
    phone: null,
    status: 'open',
    tags: [],
    customFields: [],
    externalIds: { botUserId: null, channel: null, userId: null },
    lastAgentId: null,
    visitor: { pageUrl: null, referrer: null, browser: null, language: null },
    firstSeenAt: '2025-01-01T00:00:00.000Z',
    lastSeenAt: '2025-01-01T00:00:00.000Z',
    chatCount: 1,
    ...p,
  };
}
