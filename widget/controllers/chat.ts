// The visitor's conversation, end to end: session (token in localStorage), the current chat
// (created on the first message, never on page view), history, the socket, the outbox, typing,
// the unresponsive-agent choice, attachment previews and the unread count.
//
// Ordering that matters:
// - on every socket `ready` we resubscribe with the last seq we hold; the server replays the
//   gap, then sends `chat.replayed`, and only then is the outbox flushed — anything the server
//   stored before the drop has come back in the replay by then and is not resent needlessly;
// - the resume point (`syncedSeq`) only advances when we know nothing before it is missing:
//   a REST history page, `chat.replayed {lastSeq}`, or a live frame that is exactly the next
//   seq. Acks never move it: a REST-acked send (seq 5 while 3 and 4 were posted during an
//   outage), or an ack overtaking a broadcast, would make the replay skip messages. Lagging
//   behind is always safe (the replay overlaps and merging dedupes); jumping ahead is not;
// - the REST history and the socket replay overlap on purpose; merging by seq makes it harmless;
// - sends go over the socket when it is up and over REST (idempotent on clientId) when it is
//   not, so a visitor behind a WebSocket-hostile proxy can still write.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttachmentDto, ChatDto, MessageDto, WidgetConfigDto } from '../../shared/types/dto';
import type { UnresponsiveChoice } from '../../shared/types/enums';
import type { ServerMessage, ServerMessageOf } from '../../shared/protocol/messages';
import { ApiError, fetchBlobUrl, isNetworkError, uploadFile, widgetApi, type UploadHandle, type WidgetApi } from '../internal/api';
import { backoffDelay } from '../../shared/protocol/backoff';
import { resolveServerPath, socketUrl } from '../internal/embed';
import { newClientId } from '../internal/ids';
import {
  createEntry,
  deferEntry,
  dueEntries,
  makeAllDue,
  markTransmitted,
  nextWake,
  onAckTimeout,
  onRefused,
  retryEntry,
  type OutboxEntry,
} from '../internal/outbox';
import { configKey, patchState, readJson, readState, stateKey, writeJson } from '../internal/storage';
import { TypingSignal } from '../internal/typing';
import { ConnectionController } from './connection';
import { MessageStoreController } from './message-store';

export interface ChatOptions {
  org: string;
  base: string;
  team: string | null;
  userId: string | null;
  userHash: string | null;
  config: WidgetConfigDto | null;
  onUnread(count: number): void;
  onEvent(name: string, detail: unknown): void;
}

export interface Notice {
  key: string;
  /** Shown after the message with this seq. */
  afterSeq: number;
  text: string;
  params?: Record<string, string>;
}

const HISTORY_PAGE = 100;
const REST_SEND_WINDOW_MS = 16_000;
const OFFLINE_RETRY_MS = 5_000;
const AGENT_TYPING_TTL_MS = 8_000;
const REPLAY_WAIT_MS = 3_000;
const CHOICE_FALLBACK_MS = 8_000;

export class ChatController implements ReactiveController {
  phase: 'starting' | 'ready' | 'failed' = 'starting';
  config: WidgetConfigDto | null;
  chat: ChatDto | null = null;
  /** Agent typing: undefined = nobody, string = name ('' when unknown). */
  agentTyping: string | undefined;
  notices: Notice[] = [];
  /** The choice being sent, so the buttons can show it and not be pressed twice. */
  choosing: UnresponsiveChoice | null = null;
  readonly connection: ConnectionController;
  readonly store: MessageStoreController;
  readonly api: WidgetApi;

  private token: string | null = null;
  private visible = false;
  private lastReadSeq: number;
  private creating: Promise<ChatDto> | null = null;
  private subscribedTo: string | null = null;
  /** Every message up to this seq is held: where history and `chat.subscribe` resume. */
  private syncedSeq = 0;
  private replayTimer: ReturnType<typeof setTimeout> | null = null;
  private tickTimer: ReturnType<typeof setTimeout> | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private choiceTimer: ReturnType<typeof setTimeout> | null = null;
  private startFailures = 0;
  private readonly typing: TypingSignal;
  private readonly previews = new Map<string, Promise<string>>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: ChatOptions,
  ) {
    host.addController(this);
    this.config = opts.config ?? readJson<WidgetConfigDto>(configKey(opts.org, opts.team));
    this.lastReadSeq = readState(opts.org).lastReadSeq ?? 0;
    this.api = widgetApi(opts.base, () => this.token);
    this.store = new MessageStoreController(host, opts.org);
    this.connection = new ConnectionController(host, {
      url: socketUrl(opts.base),
      token: () => this.token,
      onReady: () => this.onReady(),
      onFrame: (f) => this.onFrame(f),
      onUnauthorized: () => this.onUnauthorized(),
    });
    this.typing = new TypingSignal((typing) => {
      const chat = this.chat;
      if (chat && chat.status !== 'ended') this.connection.send({ type: 'typing', chatId: chat.id, typing });
    });
  }

  hostConnected(): void {
    addEventListener('storage', this.onStorage);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    removeEventListener('storage', this.onStorage);
    document.removeEventListener('visibilitychange', this.onVisibility);
    for (const t of [this.replayTimer, this.tickTimer, this.typingTimer, this.retryTimer, this.choiceTimer]) if (t) clearTimeout(t);
    this.typing.stop();
    for (const p of this.previews.values()) void p.then((u) => URL.revokeObjectURL(u), () => undefined);
    this.previews.clear();
  }

  // ---------------------------------------------------------------- lifecycle

  async start(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.phase = 'starting';
    this.host.requestUpdate();
    try {
      await Promise.all([this.loadConfig(), this.ensureSession()]);
      await this.loadChat();
      this.phase = 'ready';
      this.startFailures = 0;
      this.connection.start();
      this.schedule();
    } catch {
      // Server down or unreachable: keep trying in the background, and let the visitor retry.
      this.phase = 'failed';
      this.retryTimer = setTimeout(() => void this.start(), backoffDelay(this.startFailures++, { baseMs: 2_000 }));
    }
    this.host.requestUpdate();
  }

  private async loadConfig(): Promise<void> {
    try {
      const config = await this.api.config(this.opts.org, this.opts.team);
      this.config = config;
      writeJson(configKey(this.opts.org, this.opts.team), config);
      this.opts.onEvent('config', config);
    } catch (e) {
      // A cached config is good enough to chat; without one we cannot even name the team.
      if (!this.config) throw e;
    }
  }

  private async ensureSession(): Promise<void> {
    const { org, userId, userHash } = this.opts;
    const stored = readState(org);
    const session = await this.api.session({
      org,
      ...(stored.token ? { token: stored.token } : {}),
      ...(userId && userHash ? { userId, userHash } : {}),
      visitor: {
        pageUrl: location.href.slice(0, 2000),
        referrer: document.referrer.slice(0, 2000) || null,
        browser: navigator.userAgent.slice(0, 500),
        language: navigator.language || null,
      },
    });
    if (session.token !== stored.token) {
      // A different visitor (first visit, refused token, or identity switch): nothing of the old one carries over.
      patchState(org, { token: session.token, chatId: undefined, ended: undefined, lastReadSeq: undefined });
      this.lastReadSeq = 0;
      this.setChat(null);
    }
    this.token = session.token;
  }

  /** The chat to show: an open one (maybe started in another tab), else the one we last showed. */
  private async loadChat(): Promise<void> {
    const { items } = await this.api.chats();
    const storedId = readState(this.opts.org).chatId;
    const chat = items.find((c) => c.status !== 'ended') ?? items.find((c) => c.id === storedId) ?? null;
    this.setChat(chat);
    if (chat) await this.loadHistory(chat.id);
  }

  private async loadHistory(chatId: string): Promise<void> {
    for (let page = 0; page < 50; page++) {
      const after = this.syncedSeq;
      const { items } = await this.api.messages(chatId, after, HISTORY_PAGE);
      if (this.chat?.id !== chatId) return;
      this.receive(items);
      if (items.length) this.syncedSeq = Math.max(this.syncedSeq, items[items.length - 1]!.seq);
      if (items.length < HISTORY_PAGE) break;
    }
  }

  private setChat(chat: ChatDto | null): void {
    const previous = this.chat;
    if (previous?.id !== chat?.id) {
      // Unsent messages without a chat yet ('') travel into the new chat.
      this.store.reset(chat?.id);
      this.notices = [];
      this.subscribedTo = null;
      this.syncedSeq = 0;
      this.agentTyping = undefined;
    }
    this.chat = chat;
    if (chat) {
      patchState(this.opts.org, { chatId: chat.id, ended: chat.status === 'ended' || undefined });
      for (const e of this.store.outbox) if (!e.chatId) this.store.update(e.clientId, (x) => ({ ...x, chatId: chat.id }));
    }
    this.host.requestUpdate();
  }

  /** Create the chat on first need; concurrent callers share one request. */
  private ensureChat(): Promise<ChatDto> {
    if (this.chat && this.chat.status !== 'ended') return Promise.resolve(this.chat);
    this.creating ??= this.api
      .createChat(this.config?.team.id ?? this.opts.team)
      .then((chat) => {
        this.setChat(chat);
        this.subscribe();
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
    const before = this.token;
    try {
      await this.ensureSession();
      if (this.token !== before) {
        this.connection.restart();
        await this.loadChat();
      }
    } catch {
      // Keep the current session; identification is retried on the next start.
    }
  }

  private onUnauthorized(): void {
    // The token was refused or revoked: forget it and become a new anonymous visitor.
    this.token = null;
    patchState(this.opts.org, { token: undefined });
    this.connection.stop();
    void this.start();
  }

  // ---------------------------------------------------------------- socket

  private onReady(): void {
    this.subscribedTo = null;
    this.subscribe();
    if (!this.chat) this.flush();
  }

  private subscribe(): void {
    const chat = this.chat;
    if (!chat || this.subscribedTo === chat.id) return;
    if (!this.connection.send({ type: 'chat.subscribe', chatId: chat.id, afterSeq: this.syncedSeq })) return;
    this.subscribedTo = chat.id;
    if (this.replayTimer) clearTimeout(this.replayTimer);
    // Should `chat.replayed` never come, do not hold the outbox hostage.
    this.replayTimer = setTimeout(() => this.flush(), REPLAY_WAIT_MS);
  }

  private onFrame(frame: ServerMessage): void {
    const chat = this.chat;
    switch (frame.type) {
      case 'ack':
        if (chat && frame.chatId === chat.id) this.receive([frame.message]);
        break;
      case 'message.created':
        if (chat && frame.message.chatId === chat.id) {
          if (this.subscribedTo === chat.id && frame.message.seq === this.syncedSeq + 1) this.syncedSeq++;
          this.receive([frame.message], true);
        }
        break;
      case 'chat.replayed':
        if (chat && frame.chatId === chat.id) {
          this.syncedSeq = Math.max(this.syncedSeq, frame.lastSeq);
          this.flush();
        }
        break;
      case 'chat.created':
        // Started in another tab of the same visitor: follow it if we are not in a live chat.
        if (!chat || chat.status === 'ended') {
          this.setChat(frame.chat);
          this.subscribe();
        }
        break;
      case 'chat.updated':
      case 'chat.assigned':
      case 'chat.ended':
        this.applyChat(frame.chat, frame.type === 'chat.assigned');
        break;
      case 'typing':
        this.onTyping(frame);
        break;
      case 'error':
        this.onError(frame);
        break;
      default:
        break;
    }
  }

  private onTyping(frame: ServerMessageOf<'typing'>): void {
    if (frame.chatId !== this.chat?.id || frame.author.kind !== 'agent') return;
    if (this.typingTimer) clearTimeout(this.typingTimer);
    this.typingTimer = null;
    this.agentTyping = frame.typing ? (frame.author.name ?? '') : undefined;
    // A lost `typing: false` must not leave "is typing…" on screen forever.
    if (frame.typing) this.typingTimer = setTimeout(() => this.setAgentTyping(undefined), AGENT_TYPING_TTL_MS);
    this.host.requestUpdate();
  }

  private setAgentTyping(value: string | undefined): void {
    this.agentTyping = value;
    this.host.requestUpdate();
  }

  private onError(frame: ServerMessageOf<'error'>): void {
    const replyTo = frame.replyTo;
    if (!replyTo) return;
    if (this.store.outbox.some((e) => e.clientId === replyTo)) {
      this.store.update(replyTo, (e) => onRefused(e, frame.code, frame.message, Date.now()));
      this.schedule();
    } else if (replyTo === 'chat.subscribe' && (frame.code === 'NOT_FOUND' || frame.code === 'FORBIDDEN')) {
      this.startNew();
    } else if (replyTo === 'choice') {
      this.choosing = null;
      this.host.requestUpdate();
    }
  }

  private applyChat(next: ChatDto, assigned: boolean): void {
    const prev = this.chat;
    if (!prev || next.id !== prev.id) return;
    this.chat = next;
    if (!next.awaitingChoice) this.choosing = null;
    if (next.assigneeId && (assigned || next.assigneeId !== prev.assigneeId)) {
      const name = this.agentName(next);
      this.notices = [
        ...this.notices,
        name
          ? { key: `n${this.notices.length}`, afterSeq: this.store.lastSeq, text: 'agentJoined', params: { name } }
          : { key: `n${this.notices.length}`, afterSeq: this.store.lastSeq, text: 'anAgentJoined' },
      ];
    }
    if (next.status === 'ended' && prev.status !== 'ended') {
      patchState(this.opts.org, { ended: true });
      this.typing.stop();
      this.agentTyping = undefined;
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
    for (const m of fresh) {
      if (m.author.kind === 'agent' && this.agentTyping !== undefined) this.agentTyping = undefined;
      // A live choice offer may arrive before (or without) the chat.updated that flags it. Old
      // offers in the history are not trusted: the chat's own flag says whether one is open.
      if (live && m.actions.length && this.chat) this.chat = { ...this.chat, awaitingChoice: true };
      if (m.author.kind !== 'contact') this.opts.onEvent('message', m);
    }
    this.reportUnread();
  }

  // ---------------------------------------------------------------- sending

  /** Optimistic: the message shows at once as pending and is delivered whenever possible. */
  send(text: string, attachments: AttachmentDto[] = []): void {
    const body = text.trim();
    if (!body && !attachments.length) return;
    this.typing.stop();
    const chatId = this.chat && this.chat.status !== 'ended' ? this.chat.id : '';
    this.store.add(createEntry({ clientId: newClientId(), chatId, text: body, attachments }, Date.now()));
    this.markRead();
    this.tick();
  }

  retry(clientId: string): void {
    this.store.update(clientId, retryEntry);
    this.tick();
  }

  typingInput(draftEmpty: boolean): void {
    if (this.chat && this.chat.status !== 'ended') this.typing.input(draftEmpty);
  }

  /** Reconnected and caught up: everything pending goes now. */
  private flush(): void {
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = null;
    this.store.updateAll(makeAllDue);
    this.tick();
  }

  private tick(): void {
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.tickTimer = null;
    if (this.phase !== 'ready') return;
    const now = Date.now();
    for (const entry of dueEntries(this.store.outbox, now)) {
      const checked = onAckTimeout(entry);
      if (checked.state === 'failed') this.store.update(entry.clientId, () => checked);
      else void this.transmit(checked);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.tickTimer) clearTimeout(this.tickTimer);
    const wake = nextWake(this.store.outbox);
    this.tickTimer = wake === null ? null : setTimeout(() => this.tick(), Math.max(50, wake - Date.now()));
  }

  private async transmit(entry: OutboxEntry): Promise<void> {
    const { clientId } = entry;
    const now = Date.now();
    if (!entry.chatId) {
      this.store.update(clientId, (e) => deferEntry(e, now + REST_SEND_WINDOW_MS));
      try {
        await this.ensureChat();
      } catch (e) {
        this.store.update(clientId, (x) =>
          isNetworkError(e) ? deferEntry(x, Date.now() + OFFLINE_RETRY_MS) : onRefused(x, codeOf(e), messageOf(e), Date.now()),
        );
      }
      return this.tick();
    }
    if (entry.chatId !== this.chat?.id) return;
    const body = {
      clientId,
      text: entry.text,
      ...(entry.attachments.length ? { attachmentIds: entry.attachments.map((a) => a.id) } : {}),
    };
    if (this.subscribedTo === entry.chatId && this.connection.send({ type: 'message.send', chatId: entry.chatId, ...body })) {
      this.store.update(clientId, (e) => markTransmitted(e, now));
      return;
    }
    if (navigator.onLine === false) {
      this.store.update(clientId, (e) => deferEntry(e, now + OFFLINE_RETRY_MS));
      return;
    }
    // No socket: REST is idempotent on clientId too. Hold the entry for the request's lifetime.
    this.store.update(clientId, (e) => deferEntry(e, now + REST_SEND_WINDOW_MS));
    try {
      const message = await this.api.send(entry.chatId, body);
      this.receive([message]);
    } catch (e) {
      this.store.update(clientId, (x) =>
        isNetworkError(e) ? deferEntry(x, Date.now() + OFFLINE_RETRY_MS) : onRefused(markTransmitted(x, Date.now()), codeOf(e), messageOf(e), Date.now()),
      );
    }
    this.schedule();
  }

  // ---------------------------------------------------------------- choice

  choose(choice: UnresponsiveChoice): void {
    const chat = this.chat;
    if (!chat || this.choosing) return;
    this.choosing = choice;
    this.host.requestUpdate();
    const viaRest = (): void => {
      this.api.choice(chat.id, choice).then(
        (c) => this.applyChat({ ...c, awaitingChoice: false }, false),
        () => {
          this.choosing = null;
          this.host.requestUpdate();
        },
      );
    };
    if (!this.connection.send({ type: 'choice', chatId: chat.id, choice })) return viaRest();
    // No chat.updated in time (socket died after sending): the REST route is idempotent enough —
    // a second identical choice for a chat no longer awaiting one is simply refused.
    if (this.choiceTimer) clearTimeout(this.choiceTimer);
    this.choiceTimer = setTimeout(() => {
      if (this.choosing === choice && this.chat?.awaitingChoice) viaRest();
    }, CHOICE_FALLBACK_MS);
  }

  // ---------------------------------------------------------------- uploads & previews

  /** For the composer's UploadController: makes sure a chat exists, then uploads into it. */
  readonly uploader = async (file: File, onProgress: (f: number) => void): Promise<UploadHandle> => {
    const chat = await this.ensureChat();
    return uploadFile(this.api.filesUrl(), this.token, file, { chatId: chat.id }, onProgress);
  };

  /** A blob: URL for an attachment (fetched once with the Bearer token). */
  blobUrl(attachment: AttachmentDto): Promise<string> {
    let p = this.previews.get(attachment.id);
    if (!p) {
      const url = resolveServerPath(this.opts.base, attachment.url);
      p = url ? fetchBlobUrl(url, this.token) : Promise.reject(new ApiError(0, 'BAD_REQUEST', 'bad url'));
      // A failure is not cached: the next render may try again.
      p.catch(() => this.previews.delete(attachment.id));
      this.previews.set(attachment.id, p);
    }
    return p;
  }

  async openAttachment(attachment: AttachmentDto): Promise<void> {
    const url = await this.blobUrl(attachment);
    const a = document.createElement('a');
    a.href = url;
    a.download = attachment.name;
    a.rel = 'noopener';
    a.click();
  }

  // ---------------------------------------------------------------- unread

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.markRead();
    this.reportUnread();
  }

  private markRead(): void {
    if (!this.isSeen()) return;
    const seq = this.store.lastSeq;
    if (seq > this.lastReadSeq) {
      this.lastReadSeq = seq;
      patchState(this.opts.org, { lastReadSeq: seq });
    }
  }

  private isSeen(): boolean {
    return this.visible && document.visibilityState !== 'hidden';
  }

  private reportUnread(): void {
    this.markRead();
    this.opts.onUnread(this.isSeen() ? 0 : this.store.unread(this.lastReadSeq));
  }

  private readonly onVisibility = (): void => this.reportUnread();

  /** Another tab read the messages, or started a chat. */
  private readonly onStorage = (e: StorageEvent): void => {
    if (e.key !== stateKey(this.opts.org)) return;
    const state = readState(this.opts.org);
    if ((state.lastReadSeq ?? 0) > this.lastReadSeq) {
      this.lastReadSeq = state.lastReadSeq!;
      this.reportUnread();
    }
    if (this.phase === 'ready' && state.token === this.token && state.chatId && state.chatId !== this.chat?.id && !state.ended) {
      if (!this.chat || this.chat.status === 'ended') void this.loadChat().then(() => this.subscribe(), () => undefined);
    }
  };
}

function codeOf(e: unknown): ErrorCodeLike {
  return e instanceof ApiError && e.code !== 'NETWORK' ? e.code : 'INTERNAL';
}
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : 'error';
}
type ErrorCodeLike = Exclude<ApiError['code'], 'NETWORK'>;
