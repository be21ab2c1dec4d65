// Chats and messages for the store tests: a valid DTO with plain defaults, changed where a test
// says so.
import type { ChatDto, MessageDto } from '../../../shared/types/dto';

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
