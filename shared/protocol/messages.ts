// The realtime protocol, both directions. Client frames are validated on arrival with the
// checks below; server frames are typed here and trusted by clients after a `type` switch.
//
// Flow: agents connect to `/ws` with their session cookie and get `ready` at once; visitors
// connect to `/ws/visitor` and must send `auth` with their server-issued token first.
// To (re)open a chat a client sends `chat.subscribe` with the last `seq` it saw; the server
// replays every later message in order, then `chat.replayed`, then live messages follow.
// Agents get `chat.*` frames for every chat they may see, unsubscribed (lists stay live), but
// `message.created` only for chats they subscribed to; the others' list rows move through
// `chat.updated`. Visitors get both for their own chats.
// `message.send` carries a client-made `clientId`; the server answers `ack` only after the
// message is stored, and a resend of the same `clientId` is acked with the original message.
import type { BadgeCounts, ChatDto, MessageDto } from '../types/dto';
import type { MentionDto, NoteDto } from '../contract/notes';
import type { ErrorCode } from '../errors';
import { UNRESPONSIVE_CHOICES, type Presence } from '../types/enums';
import { array, bool, byType, int, object, oneOf, optional, str, type Infer } from './validate';

const chatId = str({ min: 1, max: 64 });

export const MAX_MESSAGE_LENGTH = 10_000;

export const clientMessage = byType({
  ping: object({ type: str(), id: optional(str({ max: 64 })) }),
  auth: object({ type: str(), token: str({ min: 16, max: 256 }) }),
  'chat.subscribe': object({ type: str(), chatId, afterSeq: int({ min: 0 }) }),
  'chat.unsubscribe': object({ type: str(), chatId }),
  'message.send': object({
    type: str(),
    chatId,
    clientId: str({ min: 1, max: 64 }),
    text: str({ max: MAX_MESSAGE_LENGTH }),
    attachmentIds: optional(array(str({ min: 1, max: 64 }), { max: 10 })),
  }),
  typing: object({ type: str(), chatId, typing: bool }),
  /** Visitor's answer to the unresponsive-agent offer. */
  choice: object({ type: str(), chatId, choice: oneOf(UNRESPONSIVE_CHOICES) }),
  /** Read receipt: the highest seq this side has seen in the chat (coalesced by the server). */
  read: object({ type: str(), chatId, seq: int({ min: 0 }) }),
  /** Agent console: the person used the page (sent at most about once a minute while they do). */
  'presence.activity': object({ type: str() }),
  /** Agent console: "appear away" on or off. */
  'presence.set': object({ type: str(), away: bool }),
});
export type ClientMessage = Infer<typeof clientMessage>;
export type ClientMessageOf<T extends ClientMessage['type']> = Extract<ClientMessage, { type: T }>;

export type ServerMessage =
  | { type: 'ready'; as: 'agent'; userId: string; orgId: string }
  | { type: 'ready'; as: 'visitor'; contactId: string; orgId: string }
  | { type: 'pong'; id?: string }
  | { type: 'ack'; clientId: string; chatId: string; message: MessageDto }
  | ErrorFrame
  | { type: 'message.created'; message: MessageDto }
  | { type: 'chat.replayed'; chatId: string; lastSeq: number; agentReadSeq?: number; visitorReadSeq?: number; agentReadAt?: string | null; visitorReadAt?: string | null }
  /** The other side read the chat up to `seq` (read receipts; monotonic). */
  | { type: 'chat.read'; chatId: string; side: 'agent' | 'visitor'; seq: number; at: string }
  | { type: 'chat.created'; chat: ChatDto }
  | { type: 'chat.updated'; chat: ChatDto }
  | { type: 'chat.assigned'; chat: ChatDto; byUserId: string | null }
  | { type: 'chat.ended'; chat: ChatDto }
  /** The chat left what this agent may see (reassigned away under Self Service, say). */
  | { type: 'chat.removed'; chatId: string }
  | {
      type: 'typing';
      chatId: string;
      author: { kind: 'agent' | 'contact'; id: string; name: string | null };
      typing: boolean;
    }
  | { type: 'badges'; counts: BadgeCounts }
  /** Sent to the agent a chat was just assigned to: the console rings until it is opened. */
  | { type: 'notify.assigned'; chat: ChatDto }
  /** A private note in a chat (agents who may see the chat only; never to a visitor). */
  | { type: 'note.created'; note: NoteDto }
  /** To the member named in a note: the console rings and lists it under Mentions. */
  | { type: 'mention.created'; mention: MentionDto }
  /** A member of the organization went online, away or offline (open console tabs). */
  | { type: 'member.presence'; userId: string; presence: Presence; since: string }
  /** A member's availability, role or teams changed: live lists re-read them. */
  | { type: 'member.changed'; userId: string }
  /** To a waiting visitor: their place in the team's queue (1 = next) and the typical wait (null: too little data). */
  | { type: 'queue.position'; chatId: string; position: number; estimatedWaitSeconds: number | null }
  /** The session ended (logout elsewhere, password change, deactivation); the socket closes next. */
  | { type: 'session.revoked'; reason: 'logout' | 'password_changed' | 'deactivated' | 'expired' };

/**
 * Why a visitor request was refused, beyond its ErrorCode: in `details.reason` of a REST error
 * and `reason` of an error frame, so the widget can act (start a fresh session, say) without
 * parsing sentences.
 */
export const VISITOR_ERROR_REASONS = {
  /** 403: the page's origin is not in the organization's allowed origins (Integrations). */
  originNotAllowed: 'origin_not_allowed',
  /** 401: the visitor token went unused past VISITOR_TOKEN_TTL_DAYS (a token rotated on identify is simply unknown). */
  tokenExpired: 'visitor_token_expired',
  /** 409: the chat has ended (sending into it, ending it again). */
  chatAlreadyEnded: 'chat_already_ended',
} as const;

/** A refusal of a client frame (or of the socket itself, before it closes). */
export interface ErrorFrame {
  type: 'error';
  code: ErrorCode;
  message: string;
  field?: string;
  /** The `clientId` of the `message.send` it answers, or the `type` of the frame refused. */
  replyTo?: string;
  /** RATE_LIMITED: when the refused frame may be sent again. */
  retryAfterSeconds?: number;
  /** One of VISITOR_ERROR_REASONS, when the code alone does not say what to do. */
  reason?: string;
}

export type ServerMessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** Close codes the server uses, so clients know whether to reconnect. */
export const CLOSE_CODES = {
  /** Auth failed or revoked: do not reconnect with the same credentials. */
  UNAUTHORIZED: 4401,
  /** Too many malformed frames. */
  POLICY: 4408,
  /**
   * Reconnect and resume: the server is shutting down (SIGTERM), or the event bus came back after
   * an outage during which this socket may have missed events from other instances.
   */
  RESUME: 4012,
  /** The socket fell past its backpressure limit (it stopped reading): reconnect and resume. */
  BACKPRESSURE: 4029,
} as const;
