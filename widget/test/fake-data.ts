// Small pieces of the fake server (fake-server.ts): CORS headers, ids, and a fresh chat.
import type { ChatDto, WidgetConfigDto } from '../../shared/types/dto';

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

/** The fake organization's widget config (the server's default limits). */
export const fakeConfig = (): WidgetConfigDto => ({
  orgName: 'Acme',
  widget: { title: 'Acme support', color: '#0f766e', greeting: 'Hi! How can we help?', position: 'right' },
  team: { id: 'team1', name: 'Inbox', open: true, afterHoursMessage: 'We are closed. We reply at 9:00.', offline: false, prechat: null, replyEstimateSeconds: null },
  limits: { uploadMaxBytes: 20 * 1024 * 1024, messages: { limit: 20, windowSeconds: 10 }, uploads: { limit: 10, windowSeconds: 60 } },
  texts: { locale: 'en', greeting: null, afterHours: null, offline: null },
});
