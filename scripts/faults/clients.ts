// Clients of the fault scenarios: a visitor that sends with several messages in flight and
// resends what is unacked after a reconnect (as the widget does), and an agent that reconnects,
// resumes each chat from its highest contiguous seq (as the console does) and counts what it got.
import { TestClient, signUp } from '../../server/testing/harness';
import { waitFor } from '../../server/testing/wait';

const wsUrl = (url: string) => url.replace(/^http/, 'ws');
let address = 10;

export interface Conversation {
  owner: TestClient;
  cookie: string;
  token: string;
  chatId: string;
  widgetKey: string;
}

/** An owner, a visitor with a chat, the chat claimed by the owner. */
export async function conversation(url: string): Promise<Conversation> {
  const signed = await signUp({ url });
  const owner = signed.client;
  const widgetKey = signed.org.widgetKey as string;
  const headers = { 'x-forwarded-for': `10.9.${Math.floor(++address / 250)}.${address % 250}` };
  const session = await new TestClient(url, headers).post('/api/widget/session', { org: widgetKey });
  const visitor = new TestClient(url, { ...headers, authorization: `Bearer ${session.body.token}` });
  const chat = (await visitor.post('/api/widget/chats', {})).body as { id: string };
  const claimed = await owner.post(`/api/chats/${chat.id}/claim`);
  if (claimed.status !== 200) throw new Error(`claim failed: ${claimed.status}`);
  return { owner, cookie: owner.cookieHeader, token: session.body.token as string, chatId: chat.id, widgetKey };
}

/** Every stored message of the chat, in seq order (through the agent API). */
export async function storedMessages(owner: TestClient, chatId: string): Promise<{ seq: number; clientId: string | null }[]> {
  const all: { seq: number; clientId: string | null }[] = [];
  for (let after = 0; ; ) {
    const page = await owner.get(`/api/chats/${chatId}/messages?afterSeq=${after}&limit=500`);
    const items = page.body.items as { seq: number; clientId: string | null }[];
    all.push(...items);
    if (items.length < 500) return all;
    after = items[items.length - 1]!.seq;
  }
}

interface Frame {
  type: string;
  clientId?: string;
  replyTo?: string;
  chatId?: string;
  message?: { seq: number; chatId: string; clientId: string | null };
}

/** A socket that reconnects (every 100 ms while the server is away) until stopped. */
abstract class Reconnecting {
  ws: WebSocket | null = null;
  stopped = false;
  opens = 0;
  closes: number[] = [];

  constructor(readonly url: () => string) {}

  protected abstract headers(): Record<string, string>;
  protected abstract onOpen(ws: WebSocket): void;
  protected abstract onFrame(frame: Frame): void;

  connect(): void {
    if (this.stopped) return;
    const ws = new WebSocket(this.url(), { headers: this.headers() } as unknown as string[]);
    this.ws = ws;
    ws.addEventListener('open', () => {
      this.opens++;
      this.onOpen(ws);
    });
    ws.addEventListener('message', (e) => this.onFrame(JSON.parse(String(e.data)) as Frame));
    ws.addEventListener('close', (e) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.closes.push(e.code);
      if (!this.stopped && e.code !== 4401) setTimeout(() => this.connect(), 100);
    });
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close();
  }
}

/** An agent subscribed to chats, resuming each from its highest contiguous seq. */
export class ResumingAgent extends Reconnecting {
  /** Per chat: every seq received, and counts of frames out of seq order. */
  readonly got = new Map<string, Set<number>>();
  outOfOrder = 0;
  private readonly maxSeen = new Map<string, number>();

  constructor(
    server: () => string,
    private readonly cookie: string,
    private readonly chatIds: string[],
  ) {
    super(() => `${wsUrl(server())}/ws`);
    for (const id of chatIds) this.got.set(id, new Set());
  }

  protected headers() {
    return { cookie: this.cookie };
  }

  contiguous(chatId: string, skip: Set<number> = new Set()): number {
    const got = this.got.get(chatId)!;
    let n = 0;
    while (got.has(n + 1) || skip.has(n + 1)) n++;
    return n;
  }

  protected onOpen(ws: WebSocket) {
    for (const chatId of this.chatIds) ws.send(JSON.stringify({ type: 'chat.subscribe', chatId, afterSeq: this.contiguous(chatId) }));
  }

  protected onFrame(frame: Frame) {
    if (frame.type !== 'message.created' || !frame.message) return;
    const { chatId, seq } = frame.message;
    const got = this.got.get(chatId);
    if (!got || got.has(seq)) return;
    // New to this agent yet below what it already has: it arrived out of seq order.
    if (seq < (this.maxSeen.get(chatId) ?? 0)) this.outOfOrder++;
    this.maxSeen.set(chatId, Math.max(seq, this.maxSeen.get(chatId) ?? 0));
    got.add(seq);
  }

  /** Waits until this agent holds every seq in `seqs`. */
  async holds(chatId: string, seqs: number[], timeout: number): Promise<void> {
    const got = this.got.get(chatId)!;
    await waitFor(() => seqs.every((s) => got.has(s)), { timeout, what: `the agent to hold ${seqs.length} messages (has ${got.size})` });
  }
}

/** A visitor sending `total` messages with `window` unacked in flight, resending after reconnects. */
export class WindowedSender extends Reconnecting {
  readonly acked = new Set<string>();
  errors = 0;
  private nextIndex = 0;
  private readonly unacked: string[] = [];
  private ready = false;

  constructor(
    server: () => string,
    private readonly token: string,
    private readonly chatId: string,
    private total: number,
    private readonly window: number,
    readonly prefix = 'm',
    /** Pads each text to about this many characters (bigger frames fill socket buffers sooner). */
    private readonly textSize = 0,
  ) {
    super(() => `${wsUrl(server())}/ws/visitor`);
  }

  protected headers() {
    return {};
  }

  get sent(): number {
    return this.nextIndex;
  }

  protected onOpen(ws: WebSocket) {
    this.ready = false;
    ws.send(JSON.stringify({ type: 'auth', token: this.token }));
  }

  private send(clientId: string) {
    this.ws?.send(JSON.stringify({ type: 'message.send', chatId: this.chatId, clientId, text: `message ${clientId} `.padEnd(this.textSize, '.') }));
  }

  private fill() {
    if (!this.ready || !this.ws) return;
    while (this.unacked.length < this.window && this.nextIndex < this.total) {
      const clientId = `${this.prefix}${this.nextIndex++}`;
      this.unacked.push(clientId);
      this.sentAt.set(clientId, Date.now());
      this.send(clientId);
    }
  }

  protected onFrame(frame: Frame) {
    if (frame.type === 'ready') {
      this.ready = true;
      // The widget's outbox flush: everything unacked goes again, in the order first sent.
      for (const clientId of this.unacked) this.send(clientId);
      this.fill();
    } else if (frame.type === 'ack' && frame.clientId) {
      if (!this.acked.has(frame.clientId)) this.ackMs.push(Date.now() - (this.sentAt.get(frame.clientId) ?? Date.now()));
      this.acked.add(frame.clientId);
      const at = this.unacked.indexOf(frame.clientId);
      if (at >= 0) this.unacked.splice(at, 1);
      if (this.paceMs > 0) setTimeout(() => this.fill(), this.paceMs);
      else this.fill();
    } else if (frame.type === 'error' && frame.replyTo && this.unacked.includes(frame.replyTo)) {
      this.errors++;
      this.send(frame.replyTo);
    }
  }

  /** Waits this long after each ack before the next send (a conversation, not a flood). */
  paceMs = 0;
  /** When each clientId was first sent and acked (ms), for ack latencies. */
  readonly sentAt = new Map<string, number>();
  readonly ackMs: number[] = [];

  /** Sends nothing new from now on; `done()` once what was sent is acked. */
  finish(): void {
    this.total = this.nextIndex;
  }

  done(): boolean {
    return this.acked.size >= this.total;
  }
}

/** Figures over what was stored: duplicates and entries stored out of the order sent. */
export function storedFigures(stored: { seq: number; clientId: string | null }[], prefix: string, acked: Set<string>) {
  const ids = stored.map((m) => m.clientId).filter((id): id is string => id !== null && id.startsWith(prefix));
  const seen = new Set<string>();
  let duplicated = 0;
  let outOfSendOrder = 0;
  let highest = -1;
  for (const id of ids) {
    if (seen.has(id)) duplicated++;
    seen.add(id);
    const index = Number(id.slice(prefix.length));
    if (index < highest) outOfSendOrder++;
    highest = Math.max(highest, index);
  }
  const ackedLost = [...acked].filter((id) => !seen.has(id)).length;
  return { stored: ids.length, ackedLost, duplicated, outOfSendOrder };
}

/**
 * The scenario every delivery fault starts from: a visitor's chat on the server at `url()`, an
 * agent following it (resuming on every reconnect), and a visitor sending `total` messages with
 * `window` in flight. `url` is read on every (re)connect, so a restarted server is found.
 */
export async function liveConversation(url: () => string, total: number, window: number) {
  const chat = await conversation(url());
  const agent = new ResumingAgent(url, chat.cookie, [chat.chatId]);
  agent.connect();
  const sender = new WindowedSender(url, chat.token, chat.chatId, total, window);
  sender.connect();
  return { chat, agent, sender };
}
