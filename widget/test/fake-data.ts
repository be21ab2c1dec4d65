// Small pieces of the fake server (fake-server.ts): CORS headers, ids, and a fresh chat.
import type { ChatDto } from '../../shared/types/dto';

export const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

export const now = (): string => new Date().toISOString();
export const hex = (bytes = 16): string => Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');

/** A chat as POST /api/widget/chats creates it: unassigned, no message yet. */
export function chatDto(contactId: string, teamId: string): ChatDto {
  return {
    id: `chat_${hex(6)}`,
    contactId,
    contact: { id: contactId, name: null, username: null, email: null },
    teamId,
    assigneeId: null,
    assigneeName: null,
    status: 'unassigned',
    channel: 'web',
    lastSeq: 0,
    lastMessage: null,
    createdAt: now(),
    assignedAt: null,
    firstResponseAt: null,
    endedAt: null,
    awaitingChoice: false,
  };
}
