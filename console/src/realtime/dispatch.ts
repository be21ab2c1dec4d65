// The one table from server frame type to store action (Chatwoot-style). Every frame the
// server can send has an entry, so adding a frame type to shared/protocol fails the type check
// here until the console decides what to do with it.
import type { BadgeCounts, ChatDto, MessageDto } from '../../../shared/types/dto';
import type { ServerMessage, ServerMessageOf } from '../../../shared/protocol/messages';
import type { MentionDto, NoteDto } from '../../../shared/contract/notes';

/** What the dispatch table may do; the app wires it to the Pinia stores, tests to fakes. */
export interface DispatchTarget {
  ready(userId: string): void;
  upsertChat(chat: ChatDto): void;
  removeChat(chatId: string): void;
  /** `live`: a `message.created` frame (a gap before it is fetched), not an ack. */
  addMessages(chatId: string, messages: MessageDto[], live?: boolean): void;
  replayed(chatId: string, lastSeq: number): void;
  /** A read receipt of one side (live, or with the replay). */
  setRead(chatId: string, side: 'agent' | 'visitor', seq: number, at: string | null): void;
  setTyping(chatId: string, author: { kind: 'agent' | 'contact'; id: string; name: string | null }, typing: boolean): void;
  setCounts(counts: BadgeCounts): void;
  notifyAssigned(chat: ChatDto): void;
  addNote(note: NoteDto): void;
  /** I was named in a note: the Mentions list grows and the console rings once. */
  mentioned(mention: MentionDto): void;
  sessionRevoked(reason: ServerMessageOf<'session.revoked'>['reason']): void;
  setPresence(userId: string, presence: ServerMessageOf<'member.presence'>['presence'], since: string): void;
  memberChanged(userId: string): void;
  serverError(code: string, message: string, replyTo: string | undefined): void;
}

type Handlers = { [K in ServerMessage['type']]: (frame: ServerMessageOf<K>, t: DispatchTarget) => void };

export const handlers: Handlers = {
  ready: (f, t) => {
    if (f.as === 'agent') t.ready(f.userId);
  },
  pong: () => {},
  ack: (f, t) => t.addMessages(f.chatId, [f.message]),
  error: (f, t) => t.serverError(f.code, f.message, f.replyTo),
  'message.created': (f, t) => t.addMessages(f.message.chatId, [f.message], true),
  'chat.replayed': (f, t) => {
    t.replayed(f.chatId, f.lastSeq);
    if (f.visitorReadSeq) t.setRead(f.chatId, 'visitor', f.visitorReadSeq, f.visitorReadAt ?? null);
  },
  'chat.read': (f, t) => t.setRead(f.chatId, f.side, f.seq, f.at),
  'chat.created': (f, t) => t.upsertChat(f.chat),
  'chat.updated': (f, t) => t.upsertChat(f.chat),
  'chat.assigned': (f, t) => t.upsertChat(f.chat),
  'chat.ended': (f, t) => t.upsertChat(f.chat),
  'chat.removed': (f, t) => t.removeChat(f.chatId),
  typing: (f, t) => t.setTyping(f.chatId, f.author, f.typing),
  badges: (f, t) => t.setCounts(f.counts),
  'notify.assigned': (f, t) => t.notifyAssigned(f.chat),
  'note.created': (f, t) => t.addNote(f.note),
  'mention.created': (f, t) => t.mentioned(f.mention),
  'session.revoked': (f, t) => t.sessionRevoked(f.reason),
  'member.presence': (f, t) => t.setPresence(f.userId, f.presence, f.since),
  'member.changed': (f, t) => t.memberChanged(f.userId),
  // A visitor's place in the queue goes to the widget only; agents see the queue itself.
  'queue.position': () => {},
};

/** Routes one parsed frame; unknown or malformed frames are ignored (returns false). */
export function dispatch(frame: unknown, target: DispatchTarget): boolean {
  if (typeof frame !== 'object' || frame === null) return false;
  const type = (frame as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(handlers, type)) return false;
  const handler = handlers[type as ServerMessage['type']] as (f: ServerMessage, t: DispatchTarget) => void;
  handler(frame as ServerMessage, target);
  return true;
}
