// A socket's `message.send` frames (hub.ts hands them here): each is checked and handed to the
// message writer, and the frame's turn ends once it has its place in the writer's queue (its order
// is then fixed, services/message-writer.ts); its ack comes later, in the order the socket sent.
import { ObjectId } from '../db/ids';
import type { ClientMessage } from '../../shared/protocol/messages';
import type { AppContext } from '../context';
import { isAppError } from '../errors';
import type { ChatDoc } from '../db/types';
import { toMessageDto } from '../services/mappers';
import { submitMessage } from '../services/messages';
import { chatEnded } from '../services/visitors';
import { countVisitorAction } from '../services/visitor-limits';
import { sendFrame, type Connection, type VisitorConnection } from './connections';
import type { LaterAnswer } from './frame-queue';

/** What the writer needs of a visitor's own chat once it is known to be theirs. */
function visitorChatStub(conn: VisitorConnection, chatId: string): ChatDoc {
  return {
    _id: new ObjectId(chatId),
    orgId: new ObjectId(conn.orgId),
    contactId: new ObjectId(conn.contactId),
    status: 'assigned',
  } as ChatDoc;
}

export class MessageSends {
  /** Chats a visitor socket sent to and was verified to own. */
  private readonly ownChats = new WeakMap<VisitorConnection, Set<string>>();
  /** The answer of each socket's latest sent message, while it is still to come. */
  private readonly lastAnswer = new WeakMap<Connection, Promise<void>>();

  constructor(
    private readonly ctx: AppContext,
    /** The chat, checked for writing by this socket (access rules; 404/403 otherwise). */
    private readonly chatFor: (conn: Connection, chatId: string) => Promise<ChatDoc>,
  ) {}

  /**
   * Takes a message for storing; resolves once it has its place in the writer's queue, with the
   * promise of its ack. A visitor's chat is looked up once per socket: a chat never changes hands,
   * and the writer refuses a message to an ended chat atomically.
   */
  async take(conn: Connection, frame: Extract<ClientMessage, { type: 'message.send' }>): Promise<LaterAnswer> {
    // Counted before any work, so a flood costs a counter, not a database write.
    if (conn.kind === 'visitor') countVisitorAction(this.ctx, 'message', conn);
    let chat: ChatDoc;
    if (conn.kind === 'visitor' && (conn.chats.has(frame.chatId) || this.ownChats.get(conn)?.has(frame.chatId))) chat = visitorChatStub(conn, frame.chatId);
    else {
      chat = await this.chatFor(conn, frame.chatId);
      if (conn.kind === 'visitor') {
        if (chat.status === 'ended') throw chatEnded();
        this.rememberOwnChat(conn, frame.chatId);
      }
    }
    const author =
      conn.kind === 'agent'
        ? { kind: 'agent' as const, id: conn.auth.user._id, name: conn.auth.user.name }
        : { kind: 'contact' as const, id: chat.contactId, name: conn.contactName };
    const { done } = await submitMessage(this.ctx, {
      chat,
      author,
      text: frame.text,
      clientId: frame.clientId,
      attachmentIds: frame.attachmentIds ?? [],
      openOnly: conn.kind === 'visitor',
    });
    const filesBase = conn.kind === 'agent' ? '/api/files' : '/api/widget/files';
    // Answers go out in the order the messages were sent, as they did when a socket's sends ran
    // one by one: a message whose write needed more (a chat read, "last seen") does not let the
    // acks of later ones overtake it.
    const before = this.lastAnswer.get(conn);
    const pending = (before ? before.then(() => done) : done).then(
      (stored) => sendFrame(conn, { type: 'ack', clientId: frame.clientId, chatId: frame.chatId, message: toMessageDto(stored.message, filesBase) }),
      // openOnly's one refusal: the chat ended (since it was checked), told with the widget's reason.
      (err: unknown) => Promise.reject(conn.kind === 'visitor' && isAppError(err) && err.code === 'CONFLICT' ? chatEnded() : err),
    );
    const settled = pending.then(
      () => undefined,
      () => undefined,
    );
    this.lastAnswer.set(conn, settled);
    void settled.then(() => {
      if (this.lastAnswer.get(conn) === settled) this.lastAnswer.delete(conn);
    });
    return { pending };
  }

  /** A few chats per visitor socket, verified as theirs (a visitor has one open chat at a time). */
  private rememberOwnChat(conn: VisitorConnection, chatId: string): void {
    let own = this.ownChats.get(conn);
    if (!own) this.ownChats.set(conn, (own = new Set()));
    if (own.size >= 8) own.clear();
    own.add(chatId);
  }

}
