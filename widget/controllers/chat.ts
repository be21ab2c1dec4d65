// The visitor's conversation: it owns the current chat (created on the first message, never on
// page view) and composes one controller per concern around it:
// - session.ts — config and visitor token;
// - resume.ts — subscription, resume point and replay: the ordering rules of a reconnect live there;
// - outbox-sender.ts — delivery of what the visitor wrote, over the socket or REST;
// - typing.ts, choice.ts, attachments.ts, unread.ts — one feature each.
// They are not registered with the host: this controller forwards the host's lifecycle, so what
// they do on disconnect happens in a fixed order (typing `false` leaves before the socket closes),
// and all their timeouts live in one TimerGroup, cleared when the host goes away.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttachmentDto, ChatDto, MessageDto, WidgetConfigDto } from '../../shared/types/dto';
import type { ServerMessage, ServerMessageOf } from '../../shared/protocol/messages';
import { backoffDelay } from '../../shared/protocol/backoff';
import { originRefused, widgetApi, type WidgetApi } from '../internal/api';
import { socketUrl } from '../internal/embed';
import { newClientId } from '../internal/ids';
import { createEntry } from '../internal/outbox';
import { patchState, readState, stateKey } from '../internal/storage';
import { TimerGroup } from '../internal/timer';
import { Attachments } from './attachments';
import { ChoiceController } from './choice';
import { ConnectionController } from './connection';
import { MessageStoreController } from './message-store';
import { OutboxSender } from './outbox-sender';
import { ResumeTracker, type HistorySource } from './resume';
import { Session } from './session';
import { TypingController } from './typing';
import { UnreadTracker } from './unread';
import { QueueTracker } from './queue';
import { VisitorForms } from './visitor-forms';
import { ReadReceipts } from './read-receipts';
import type { ChatOptions, Notice } from './chat-types';

export type { ChatOptions, Notice } from './chat-types';

type ChatTimer = 'restart' | 'replay' | 'tick' | 'agentTyping' | 'choice' | 'config';
/** The team's open state and forms follow its hours: the config is re-read this often. */
const CONFIG_EVERY_MS = 60_000;

export class ChatController implements ReactiveController {
  phase: 'starting' | 'ready' | 'failed' = 'starting';
  chat: ChatDto | null = null;
  notices: Notice[] = [];
  readonly api: WidgetApi;
  readonly store: MessageStoreController;
  readonly connection: ConnectionController;
  readonly session: Session;
  readonly resume: ResumeTracker;
  readonly outbox: OutboxSender;
  readonly typing: TypingController;
  readonly choice: ChoiceController;
  readonly attachments: Attachments;
  readonly unread: UnreadTracker;
  readonly queue: QueueTracker;
  readonly forms: VisitorForms;
  readonly reads: ReadReceipts;

  private readonly timers = new TimerGroup<ChatTimer>();
  private creating: Promise<ChatDto> | null = null;
  private wasReady = false;
  private startFailures = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: ChatOptions,
  ) {
    host.addController(this);
    const { timers } = this;
    const send = (frame: Parameters<ConnectionController['send']>[0]): boolean => this.connection.send(frame);
    this.api = widgetApi(opts.base, () => this.session.token);
    this.session = new Session(this.api, opts, () => {
      this.unread.reset();
      this.setChat(null);
    });
    this.store = new MessageStoreController(host, opts.org);
    this.unread = new UnreadTracker(opts.org, this.store, opts.onUnread, () => this.reads.seen());
    this.connection = new ConnectionController(host, {
      url: socketUrl(opts.base),
      token: () => this.session.token,
      onReady: () => this.onReady(),
      onFrame: (f) => this.onFrame(f),
      onUnauthorized: () => this.onUnauthorized(),
    });
    this.reads = new ReadReceipts(host, () => this.chat, this.store, (id) => this.resume.isSubscribed(id), send);
    this.resume = new ResumeTracker({
      send,
      timers,
      onCaughtUp: () => this.outbox.flush(),
      held: () => this.store.messages.map((m) => m.seq),
      history: this.history,
    });
    this.outbox = new OutboxSender({
      store: this.store,
      api: this.api,
      timers,
      send,
      isReady: () => this.phase === 'ready',
      currentChatId: () => this.chat?.id ?? null,
      isSubscribed: (chatId) => this.resume.isSubscribed(chatId),
      ensureChat: () => this.ensureChat(),
      receive: (messages) => this.receive(messages),
      limit: () => this.config?.limits?.messages ?? null,
      onUnauthorized: () => this.onUnauthorized(),
    });
    this.typing = new TypingController(host, {
      timers,
      openChatId: () => this.openChatId(),
      send: (chatId, typing) => {
        send({ type: 'typing', chatId, typing });
      },
    });
    this.choice = new ChoiceController(host, { api: this.api, timers, chat: () => this.chat, send, applyChat: (c) => this.applyChat(c, false) });
    this.attachments = new Attachments({ base: opts.base, api: this.api, token: () => this.session.token, ensureChat: () => this.ensureChat() });
    this.queue = new QueueTracker(host, this.api);
    // The offline form's chat is made outside the composer: show it and follow it live.
    this.forms = new VisitorForms(host, { org: opts.org, api: this.api, session: this.session, adopt: (chat) => (this.setChat(chat), this.resume.subscribe(chat)) });
  }

  /** Re-reads the config (the team's open state, its forms) now, then every CONFIG_EVERY_MS. */
  private readonly refreshConfig = (): void => {
    this.timers.set('config', CONFIG_EVERY_MS, this.refreshConfig);
    void this.session.loadConfig().then(() => this.host.requestUpdate(), () => undefined);
  };

  get config(): WidgetConfigDto | null {
    return this.session.config;
  }

  hostConnected(): void {
    addEventListener('storage', this.onStorage);
    this.unread.hostConnected();
  }

  hostDisconnected(): void {
    removeEventListener('storage', this.onStorage);
    this.unread.hostDisconnected();
    this.timers.clearAll();
    this.typing.stop();
    this.attachments.revokeAll();
  }

  // ---------------------------------------------------------------- lifecycle

  async start(): Promise<void> {
    this.timers.clear('restart');
    this.phase = 'starting';
    this.host.requestUpdate();
    try {
      await Promise.all([this.session.loadConfig(), this.session.ensure()]);
      await this.loadChat();
      this.phase = 'ready';
      this.startFailures = 0;
      this.connection.start();
      this.outbox.schedule();
      this.timers.set('config', CONFIG_EVERY_MS, this.refreshConfig);
    } catch (e) {
      this.phase = 'failed';
      // This site is not among the organization's allowed origins: retrying cannot help.
      if (originRefused(e)) return void this.host.requestUpdate();
      // Server down or unreachable: keep trying in the background, and let the visitor retry.
      this.timers.set('restart', backoffDelay(this.startFailures++, { baseMs: 2_000 }), () => void this.start());
    }
    this.host.requestUpdate();
  }

  /** The chat to show: an open one (maybe started in another tab), else the one we last showed. */
  private async loadChat(): Promise<void> {
    const { items } = await this.api.chats();
    const storedId = readState(this.opts.org).chatId;
    const chat = items.find((c) => c.status !== 'ended') ?? items.find((c) => c.id === storedId) ?? null;
    this.setChat(chat);
    if (chat) await this.resume.loadHistory(chat.id, this.history);
  }

  private readonly history: HistorySource = {
    page: (chatId, afterSeq, limit) => this.api.messages(chatId, afterSeq, limit),
    isCurrent: (chatId) => this.chat?.id === chatId,
    receive: (messages) => this.receive(messages),
  };

  private setChat(chat: ChatDto | null): void {
    const previous = this.chat;
    if (previous?.id !== chat?.id) {
      // Unsent messages without a chat yet ('') travel into the new chat.
      this.store.reset(chat?.id);
      this.notices = [];
      this.resume.reset();
      this.typing.clearAgent();
      void this.queue.load(chat);
      this.reads.reset();
    }
    this.chat = chat;
    this.reads.agentRead(chat?.agentReadSeq);
    if (chat) {
      patchState(this.opts.org, { chatId: chat.id, ended: chat.status === 'ended' || undefined });
      for (const e of this.store.outbox) if (!e.chatId) this.store.update(e.clientId, (x) => ({ ...x, chatId: chat.id }));
    }
    this.host.requestUpdate();
  }

  private openChatId(): string | null {
    return this.chat && this.chat.status !== 'ended' ? this.chat.id : null;
  }

  /** Create the chat on first need; concurrent callers share one request. */
  private ensureChat(): Promise<ChatDto> {
    if (this.chat && this.chat.status !== 'ended') return Promise.resolve(this.chat);
    this.creating ??= this.api
      .createChat(this.config?.team.id ?? this.opts.team, this.opts.locale)
      .then((chat) => {
        this.setChat(chat);
        this.resume.subscribe(chat);
        this.opts.onEvent('chat:started', { chatId: chat.id });
        return chat;
      })
      .finally(() => {
        this.creating = null;
      });
    return this.creating;
  }

  /** After "start a new chat": the next message opens a fresh chat. */
  startNew(): void {
    patchState(this.opts.org, { chatId: undefined, ended: undefined });
    this.setChat(null);
  }

  async identify(userId: string | null, userHash: string | null): Promise<void> {
    this.opts.userId = userId;
    this.opts.userHash = userHash;
    if (this.phase !== 'ready') return;
    const before = this.session.token;
    try {
      await this.session.ensure();
      if (this.session.token !== before) {
        this.connection.restart();
        await this.loadChat();
      }
    } catch {
      // Keep the current session; identification is retried on the next start.
    }
  }

  private onUnauthorized(): void {
    if (this.phase === 'starting') return;
    // The token was refused, revoked or expired: forget it and become a new anonymous visitor.
    // What the visitor wrote and the server never took goes into the new visitor's first chat.
    this.store.updateAll((outbox) => outbox.map((e) => (e.state === 'pending' ? { ...e, chatId: '' } : e)));
    this.session.forget();
    this.connection.stop();
    void this.start();
  }

  // ---------------------------------------------------------------- socket

  /**
   * Every socket `ready`: resubscribe from the resume point (the replay brings the messages).
   * After a reconnect — a drop, or the server's 4012/4029 resume close — the chat itself may have
   * changed meanwhile (assigned, ended) with its frame lost: read it again.
   */
  private onReady(): void {
    this.resume.onReady(this.chat);
    if (this.wasReady && this.chat) void this.refreshChat(this.chat.id);
    if (this.wasReady) this.refreshConfig(); // the team may have opened or closed meanwhile
    this.wasReady = true;
  }

  private async refreshChat(chatId: string): Promise<void> {
    const next = (await this.api.chats().catch(() => ({ items: [] as ChatDto[] }))).items.find((c) => c.id === chatId);
    if (next) this.applyChat(next, false);
  }

  private onFrame(frame: ServerMessage): void {
    const chat = this.chat;
    switch (frame.type) {
      case 'ack':
        if (chat && frame.chatId === chat.id) this.receive([frame.message]);
        break;
      case 'message.created':
        if (chat && frame.message.chatId === chat.id) {
          this.receive([frame.message], true);
          this.resume.onLive(chat.id);
        }
        break;
      case 'chat.replayed':
        if (chat && frame.chatId === chat.id) {
          this.resume.onReplayed(frame.lastSeq);
          this.reads.agentRead(frame.agentReadSeq);
          this.unread.report(); // subscribed now: what is on screen is reported read
        }
        break;
      case 'chat.read':
        if (frame.chatId === chat?.id && frame.side === 'agent') this.reads.agentRead(frame.seq);
        break;
      case 'chat.created':
        // Started in another tab of the same visitor: follow it if we are not in a live chat.
        if (!chat || chat.status === 'ended') {
          this.setChat(frame.chat);
          this.resume.subscribe(frame.chat);
        }
        break;
      case 'chat.updated':
      case 'chat.assigned':
      case 'chat.ended':
        this.applyChat(frame.chat, frame.type === 'chat.assigned');
        break;
      case 'typing':
        if (frame.chatId === chat?.id) this.typing.onFrame(frame);
        break;
      case 'queue.position':
        return void (frame.chatId === chat?.id && this.queue.onFrame(frame));
      case 'error':
        this.onError(frame);
        break;
      default:
        break;
    }
  }

  private onError(frame: ServerMessageOf<'error'>): void {
    const replyTo = frame.replyTo;
    // The chat ended with its chat.ended frame lost: read it, so the panel shows the end and a new chat.
    if (frame.reason === 'chat_already_ended' && this.chat) void this.refreshChat(this.chat.id);
    if (!replyTo || this.outbox.refused(replyTo, frame.code, frame.message, frame.retryAfterSeconds)) return;
    if (replyTo === 'chat.subscribe' && (frame.code === 'NOT_FOUND' || frame.code === 'FORBIDDEN')) this.startNew();
    else if (replyTo === 'choice') this.choice.refused();
  }

  private applyChat(next: ChatDto, assigned: boolean): void {
    const prev = this.chat;
    if (!prev || next.id !== prev.id) return;
    this.chat = next;
    this.reads.agentRead(next.agentReadSeq);
    this.choice.onChat(next);
    if (next.assigneeId && (assigned || next.assigneeId !== prev.assigneeId)) {
      const name = this.agentName(next);
      const key = `n${this.notices.length}`;
      const afterSeq = this.store.lastSeq;
      this.notices = [...this.notices, name ? { key, afterSeq, text: 'agentJoined', params: { name } } : { key, afterSeq, text: 'anAgentJoined' }];
    }
    if (next.status === 'ended' && prev.status !== 'ended') {
      patchState(this.opts.org, { ended: true });
      this.typing.stop();
      this.typing.clearAgent();
      this.opts.onEvent('chat:ended', { chatId: next.id });
    }
    this.host.requestUpdate();
  }

  /** The assignee's name: from the chat if the server sends it, else from their last message. */
  agentName(chat: ChatDto | null = this.chat): string | null {
    if (!chat?.assigneeId) return null;
    if (chat.assigneeName) return chat.assigneeName;
    for (let i = this.store.messages.length - 1; i >= 0; i--) {
      const a = this.store.messages[i]!.author;
      if (a.kind === 'agent' && a.id === chat.assigneeId && a.name) return a.name;
    }
    return null;
  }

  /** Every message from any source comes through here; `live` = pushed just now, not history. */
  private receive(messages: MessageDto[], live = false): void {
    const chat = this.chat;
    if (!chat) return;
    const fresh = this.store.merge(messages, chat.id);
    this.resume.onMessages();
    for (const m of fresh) {
      if (m.author.kind === 'agent' && this.typing.agent !== undefined) this.typing.clearAgent();
      // A live choice offer may arrive before (or without) the chat.updated that flags it. Old
      // offers in the history are not trusted: the chat's own flag says whether one is open.
      if (live && m.actions.length && this.chat) this.chat = { ...this.chat, awaitingChoice: true };
      if (m.author.kind !== 'contact') this.opts.onEvent('message', m);
    }
    this.unread.report();
  }

  // ---------------------------------------------------------------- sending

  /** Optimistic: the message shows at once as pending and is delivered whenever possible. */
  send(text: string, attachments: AttachmentDto[] = []): void {
    const body = text.trim();
    if (!body && !attachments.length) return;
    this.typing.stop();
    this.store.add(createEntry({ clientId: newClientId(), chatId: this.openChatId() ?? '', text: body, attachments }, Date.now()));
    this.unread.markRead();
    this.outbox.tick();
  }

  /** Another tab read the messages, or started a chat. */
  private readonly onStorage = (e: StorageEvent): void => {
    if (e.key !== stateKey(this.opts.org)) return;
    const state = readState(this.opts.org);
    this.unread.onStorage(state);
    if (this.phase === 'ready' && state.token === this.session.token && state.chatId && state.chatId !== this.chat?.id && !state.ended) {
      if (!this.chat || this.chat.status === 'ended') void this.loadChat().then(() => this.resume.subscribe(this.chat), () => undefined);
    }
  };
}
