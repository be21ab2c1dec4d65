// One hub per server instance: it owns this instance's sockets, answers their frames, and turns
// bus events (from any instance) into frames for the sockets allowed to see them.
// A chat's messages go through the ChatSequencer (sequencer.ts) first, so every socket receives
// them in seq order, once, whatever order the bus brought them in. When the bus comes back after
// an outage, every socket here is closed with RESUME: each reconnects and resumes from its last
// contiguous seq, so nothing another instance published meanwhile stays missed.
import { deliverQueuePositions } from './queue-frames';
import { ObjectId } from '../db/ids';
import { CLOSE_CODES, clientMessage, type ClientMessage, type ServerMessage } from '../../shared/protocol/messages';
import type { AppContext } from '../context';
import { canOnChat } from '../domain/permissions';
import { AppError, isAppError } from '../errors';
import type { ChatDoc } from '../db/types';
import { actorOf, chatForAgent, teamFacts } from '../services/access';
import { badgeCounts, chatDtos } from '../services/chats';
import { listMessages } from '../services/messages';
import type { AgentAuth } from '../services/sessions';
import { answerVisitorChoice } from '../services/visitor-choice';
import { visitorChat, type VisitorAuth } from '../services/visitors';
import { countVisitorAction } from '../services/visitor-limits';
import type { BusEvent } from '../bus/bus';
import { ConnectionRegistry, noChats, sendFrame, type AgentConnection, type Connection, type RawSocket, type VisitorConnection } from './connections';
import { ListUpdates } from './list-updates';
import { deliverChatChanged, deliverMessage, deliverRead, deliverTyping } from './deliver';
import { ReadReceipts, replayedFrame } from '../services/read-receipts';
import { deliverMention, deliverNote } from './deliver-notes';
import { ChatSequencer } from './sequencer';
import { TypingThrottle } from './typing-throttle';
import { errorFrame } from './error-frame';
import type { LaterAnswer } from './frame-queue';
import { MessageSends } from './message-sends';
import type { NativeTopics } from './native-topics';
import { PresenceTracker } from './presence';

const REPLAY_PAGE = 500;
const BADGE_DEBOUNCE_MS = 50;
const MAX_BAD_FRAMES = 20;

export class RealtimeHub {
  readonly registry: ConnectionRegistry;
  private readonly staleBadges = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly badFrames = new WeakMap<Connection, number>();
  private readonly sends: MessageSends;
  /** Closed by the server for good (blocked): frames still queued behind the close are dropped. */
  private readonly shut = new WeakSet<Connection>();
  private readonly typing = new TypingThrottle();
  private readonly unsubscribeBus: () => void;
  private readonly unsubscribeResync: () => void;
  readonly sequencer: ChatSequencer;
  readonly presence: PresenceTracker; // online / away / offline of agents, across instances
  private readonly reads: ReadReceipts;
  /** Messages' list rows, coalesced per chat per turn (list-updates.ts). */
  private readonly rows: ListUpdates;

  constructor(
    private readonly ctx: AppContext,
    topics: NativeTopics,
  ) {
    // Half the backpressure limit between looks at the buffers: see RegistryOptions.
    this.registry = new ConnectionRegistry(topics, { checkPressureEveryBytes: Math.floor(ctx.config.realtime.backpressureLimitBytes / 2) });
    this.sends = new MessageSends(ctx, (conn, chatId) => this.chatFor(conn, chatId, 'write'));
    this.rows = new ListUpdates(this.registry);
    this.presence = new PresenceTracker(ctx, this.registry);
    this.reads = new ReadReceipts(ctx);
    this.sequencer = new ChatSequencer({
      deliver: (event) => deliverMessage(this.registry, event, this.rows),
      fetchRange: (orgId, chatId, afterSeq, beforeSeq) =>
        listMessages(ctx, { _id: new ObjectId(chatId), orgId: new ObjectId(orgId) }, { afterSeq, beforeSeq, limit: REPLAY_PAGE }),
      onError: (err, chatId) => ctx.log.warn('could not fill a seq gap; retrying', { err, chatId }),
      gapWaitMs: ctx.config.realtime.gapWaitMs,
    });
    this.unsubscribeBus = ctx.bus.subscribe((event) => this.onEvent(event));
    this.unsubscribeResync = ctx.bus.onResync?.(() => this.resync('event bus back')) ?? (() => undefined);
  }

  /** Closes every socket with RESUME: each reconnects and catches up from the database. */
  resync(reason: string): void {
    this.sequencer.reset();
    this.rows.clear();
    const conns = [...this.registry.all()];
    if (conns.length > 0) this.ctx.log.warn('closing sockets so they resume', { reason, sockets: conns.length, code: CLOSE_CODES.RESUME });
    for (const conn of conns) {
      this.registry.remove(conn);
      conn.raw.close(CLOSE_CODES.RESUME, reason);
    }
  }

  addAgent(raw: RawSocket, auth: AgentAuth): AgentConnection {
    const conn: AgentConnection = {
      kind: 'agent',
      id: this.registry.newId(),
      raw,
      orgId: this.registry.orgKey(auth.org._id.toString()),
      chats: noChats(),
      auth,
      actor: actorOf(auth.user),
    };
    this.registry.add(conn);
    sendFrame(conn, { type: 'ready', as: 'agent', userId: conn.actor.userId, orgId: conn.orgId });
    this.presence.tabOpened(conn);
    void this.sendBadges([conn]);
    return conn;
  }

  addVisitor(raw: RawSocket, visitor: VisitorAuth, address: string | null = null): VisitorConnection {
    const conn: VisitorConnection = {
      kind: 'visitor',
      id: this.registry.newId(),
      raw,
      orgId: this.registry.orgKey(visitor.org._id.toString()),
      chats: noChats(),
      contactId: visitor.contact._id.toString(),
      contactName: visitor.contact.name ?? null,
      address,
    };
    this.registry.add(conn);
    sendFrame(conn, { type: 'ready', as: 'visitor', contactId: conn.contactId, orgId: conn.orgId });
    return conn;
  }

  remove(conn: Connection): void {
    this.registry.remove(conn);
    if (conn.kind === 'agent') this.presence.tabClosed(conn);
  }

  /**
   * Parses and answers one client frame; errors go back as `error` frames, never as a crash. A
   * sent message resolves with its answer still to come (frame-queue.ts LaterAnswer): the socket's
   * next frame may run while it is being stored.
   */
  async handle(conn: Connection, data: unknown): Promise<void | LaterAnswer> {
    if (this.shut.has(conn)) return;
    let parsed: unknown = data;
    if (typeof data === 'string') {
      try {
        parsed = JSON.parse(data);
      } catch {
        return this.refuse(conn, new AppError('BAD_REQUEST', 'Frames must be JSON'));
      }
    }
    const result = clientMessage(parsed, '');
    if (!result.ok) return this.refuse(conn, new AppError('VALIDATION', `${result.field}: ${result.message}`, result.field));
    const frame = result.value as ClientMessage;
    try {
      if (frame.type === 'message.send') {
        const { pending } = await this.sends.take(conn, frame);
        return { pending: pending.catch((err: unknown) => this.failed(conn, frame, err)) };
      }
      await this.dispatch(conn, frame);
    } catch (err) {
      this.failed(conn, frame, err);
    }
  }

  /** A frame's failure as an error frame (what went wrong on our side is logged, not told). */
  private failed(conn: Connection, frame: ClientMessage, err: unknown): void {
    const replyTo = frame.type === 'message.send' ? frame.clientId : frame.type;
    if (isAppError(err)) sendFrame(conn, errorFrame(err, replyTo));
    else {
      this.ctx.log.error('socket frame failed', { err, type: frame.type });
      sendFrame(conn, { type: 'error', code: 'INTERNAL', message: 'Something went wrong on our side', replyTo });
    }
  }

  private refuse(conn: Connection, err: AppError): void {
    const count = (this.badFrames.get(conn) ?? 0) + 1;
    this.badFrames.set(conn, count);
    sendFrame(conn, { type: 'error', code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) });
    if (count >= MAX_BAD_FRAMES) conn.raw.close(4408, 'too many invalid frames');
  }

  private async chatFor(conn: Connection, chatId: string, action: 'view' | 'write'): Promise<ChatDoc> {
    if (conn.kind === 'agent') return (await chatForAgent(this.ctx, conn.auth, chatId, action)).chat;
    return visitorChat(this.ctx, conn, chatId);
  }

  private async dispatch(conn: Connection, frame: ClientMessage): Promise<void> {
    switch (frame.type) {
      case 'ping':
        return sendFrame(conn, { type: 'pong', ...(frame.id ? { id: frame.id } : {}) });
      case 'auth':
        throw new AppError('BAD_REQUEST', 'Already authenticated');
      case 'chat.subscribe': {
        const chat = await this.chatFor(conn, frame.chatId, 'view');
        // Subscribe before reading, so nothing stored meanwhile is missed; clients drop
        // the possible duplicate by seq.
        this.registry.subscribe(conn, frame.chatId);
        let after = frame.afterSeq;
        const filesBase = conn.kind === 'agent' ? '/api/files' : '/api/widget/files';
        for (;;) {
          const page = await listMessages(this.ctx, chat, { afterSeq: after, limit: REPLAY_PAGE }, filesBase);
          for (const message of page) sendFrame(conn, { type: 'message.created', message });
          if (page.length < REPLAY_PAGE) break;
          after = page[page.length - 1]!.seq;
        }
        return sendFrame(conn, await replayedFrame(this.ctx, chat));
      }
      case 'chat.unsubscribe':
        return this.registry.unsubscribe(conn, frame.chatId);
      case 'message.send':
        throw new AppError('BAD_REQUEST', 'Messages are taken by sendMessage'); // handled before dispatch
      case 'typing': {
        const verdict = this.typing.check(conn, frame.chatId, frame.typing, this.ctx.clock.now().getTime());
        if (verdict.kind === 'drop') return;
        if (verdict.kind === 'refuse') {
          throw new AppError('RATE_LIMITED', 'Typing indicators are sent too often; wait a moment', undefined, { retryAfterSeconds: verdict.retryAfterSeconds });
        }
        if (conn.kind === 'visitor') countVisitorAction(this.ctx, 'typing', conn);
        const chat = await this.chatFor(conn, frame.chatId, 'view');
        const author =
          conn.kind === 'agent'
            ? { kind: 'agent' as const, id: conn.actor.userId, name: conn.auth.user.name }
            : { kind: 'contact' as const, id: conn.contactId, name: conn.contactName };
        return this.ctx.bus.publish({ kind: 'typing', orgId: conn.orgId, chatId: chat._id.toString(), author, typing: frame.typing });
      }
      case 'read': // subscribed only (checked at subscribe, dropped with access): no lookup per read
        return this.reads.report(conn, frame.chatId, frame.seq);
      case 'presence.activity': case 'presence.set':
        return this.presence.frame(conn, frame);
      case 'choice': {
        if (conn.kind !== 'visitor') throw new AppError('FORBIDDEN', 'Only the visitor answers this');
        const chat = await this.chatFor(conn, frame.chatId, 'view');
        await answerVisitorChoice(this.ctx, chat, frame.choice);
        return;
      }
    }
  }

  private onEvent(event: BusEvent): void {
    switch (event.kind) {
      case 'chat.changed':
        // The chat's pending list row first: an older row must not land after this change.
        this.rows.flush(event.chat.id);
        return deliverChatChanged(this.registry, event, (orgId) => this.badgesStale(orgId));
      case 'message.created':
        return this.sequencer.push(event);
      case 'message.skipped':
        return this.sequencer.skip(event.chatId, event.seq);
      case 'typing':
        return deliverTyping(this.registry, event);
      case 'chat.read':
        return deliverRead(this.registry, event);
      case 'user.revoked':
        return this.closeUser(event);
      case 'user.changed':
        void this.refreshUser(event.orgId, event.userId);
        return;
      case 'team.changed':
        void this.refreshTeam(event.orgId, event.teamId);
        return;
      case 'contact.blocked':
        return this.closeContact(event.orgId, event.contactId);
      case 'queue.positions':
        return deliverQueuePositions(this.registry, event);
      case 'note.created':
        return deliverNote(this.registry, event);
      case 'mention.created':
        return deliverMention(this.registry, event);
    }
  }

  /** A blocked contact's sockets close now: nothing they send after the block is taken. */
  private closeContact(orgId: string, contactId: string): void {
    for (const conn of [...this.registry.visitors(orgId, contactId)]) {
      sendFrame(conn, { type: 'error', code: 'FORBIDDEN', message: 'This conversation is no longer available' });
      this.shut.add(conn);
      this.registry.remove(conn);
      conn.raw.close(CLOSE_CODES.UNAUTHORIZED, 'contact blocked');
    }
  }

  private closeUser(event: Extract<BusEvent, { kind: 'user.revoked' }>): void {
    for (const conn of [...this.registry.agentTabs(event.orgId, event.userId)]) {
      if (event.keepSessionHash && conn.auth.sessionHash === event.keepSessionHash) continue;
      if (event.onlySessionHash && conn.auth.sessionHash !== event.onlySessionHash) continue;
      sendFrame(conn, { type: 'session.revoked', reason: event.reason });
      this.registry.remove(conn);
      conn.raw.close(4401, 'session revoked');
    }
  }

  /** Role, teams or status changed: re-read the user so permission checks use the new facts. */
  private async refreshUser(orgId: string, userId: string): Promise<void> {
    const conns = [...this.registry.agentTabs(orgId, userId)];
    if (conns.length === 0) return;
    const repos = this.ctx.repos.forOrg(new ObjectId(orgId));
    const user = await repos.members.findOne({ _id: userId });
    for (const conn of conns) {
      if (!user || user.active === false) {
        sendFrame(conn, { type: 'session.revoked', reason: 'deactivated' });
        this.registry.remove(conn);
        conn.raw.close(4401, 'deactivated');
        continue;
      }
      conn.auth = { ...conn.auth, user };
      conn.actor = actorOf(user);
      this.registry.regroup(conn);
      // Drop subscriptions to chats the new facts no longer allow.
      for (const chatId of [...conn.chats]) {
        const chat = await repos.chats.findOne({ _id: chatId });
        const team = chat ? await repos.teams.findOne({ _id: chat.teamId }) : null;
        const ok = chat && team && canOnChat(conn.actor, 'view', { teamId: chat.teamId.toString(), status: chat.status, assigneeId: chat.assigneeId?.toString() ?? null }, teamFacts(team));
        if (!ok) {
          this.registry.unsubscribe(conn, chatId);
          sendFrame(conn, { type: 'chat.removed', chatId });
        }
      }
    }
    this.badgesStale(orgId);
  }

  /**
   * A team's mode or members changed: each agent's view of its open chats may have changed
   * without any chat changing. Re-check them, so lists drop chats that became invisible and
   * show chats that became visible, live.
   */
  private async refreshTeam(orgId: string, teamId: string): Promise<void> {
    const agents = [...this.registry.agents(orgId)];
    if (agents.length > 0) {
      const repos = this.ctx.repos.forOrg(new ObjectId(orgId));
      const team = await repos.teams.findOne({ _id: teamId });
      const chats = team
        ? await repos.chats.find({ teamId, status: { $in: ['unassigned', 'assigned'] } }, { sort: { createdAt: -1 }, limit: 500 })
        : [];
      const dtos = chats.length > 0 ? await chatDtos(this.ctx, chats[0]!.orgId, chats) : [];
      // Members may have moved in or out of the team: re-read them, once per person, not per tab.
      const userIds = [...new Set(agents.map((c) => c.actor.userId))];
      const users = await repos.members.find({ _id: { $in: userIds } });
      const userById = new Map(users.map((u) => [u._id.toString(), u]));
      for (const conn of agents) {
        const user = userById.get(conn.actor.userId);
        if (user) {
          conn.auth = { ...conn.auth, user };
          conn.actor = actorOf(user);
          this.registry.regroup(conn);
        }
        chats.forEach((chat, i) => {
          const facts = { teamId, status: chat.status, assigneeId: chat.assigneeId?.toString() ?? null };
          if (team && canOnChat(conn.actor, 'view', facts, teamFacts(team))) {
            sendFrame(conn, { type: 'chat.updated', chat: dtos[i]! });
          } else {
            this.registry.unsubscribe(conn, chat._id.toString());
            sendFrame(conn, { type: 'chat.removed', chatId: chat._id.toString() });
          }
        });
      }
    }
    this.badgesStale(orgId);
  }

  private badgesStale(orgId: string): void {
    if (this.staleBadges.has(orgId)) return;
    // Many changes in a burst (a routing drain, say) cost one count per agent, not one per change.
    this.staleBadges.set(
      orgId,
      setTimeout(() => {
        this.staleBadges.delete(orgId);
        // Counts depend on the person, not the socket: one count per agent, sent to all their tabs.
        for (const tabs of this.registry.agentsByUser(orgId)) void this.sendBadges([...tabs]);
      }, BADGE_DEBOUNCE_MS),
    );
  }

  /** One person's badge counts, to each of their sockets. */
  private async sendBadges(tabs: AgentConnection[]): Promise<void> {
    try {
      const counts = await badgeCounts(this.ctx, tabs[0]!.auth.user);
      const frame = JSON.stringify({ type: 'badges', counts } satisfies ServerMessage);
      for (const conn of tabs) conn.raw.send(frame);
    } catch (err) {
      this.ctx.log.warn('badge count failed', { err });
    }
  }

  /** Shutdown, after in-flight frames were answered: stop listening, close sockets with RESUME. */
  close(): void {
    this.unsubscribeBus();
    this.unsubscribeResync();
    this.sequencer.close();
    this.reads.close();
    for (const timer of this.staleBadges.values()) clearTimeout(timer);
    this.staleBadges.clear();
    this.rows.clear();
    for (const conn of [...this.registry.all()]) conn.raw.close(CLOSE_CODES.RESUME, 'server shutting down');
  }
}
