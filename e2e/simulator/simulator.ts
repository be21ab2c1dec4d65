// A stand-in for the bot platform (Flow XO): a small HTTP service on 127.0.0.1 that receives
// Phoenix Chat's webhooks, verifies their signatures, records them, and can answer as the
// contact through the API. Tests use it in-process; `bun e2e/simulator/cli.ts` runs it alone.
//
// Routes: POST /webhooks (the webhook URL), GET /events (what was received, as JSON).
import { checkSignature, SIGNATURE_HEADERS } from '../../server/services/signature';
import { PhoenixApiClient } from './api-client';

export interface ReceivedWebhook {
  eventId: string;
  type: string;
  attempt: number;
  payload: { id: string; type: string; createdAt: string; organizationId: string; data: any };
  receivedAt: number;
}

export interface SimulatorOptions {
  /** The webhook secret to verify with; can be set later (it is shown when the URL is saved). */
  secret?: string;
  /** Called for every verified event; return a promise to make the webhook answer wait for it. */
  onEvent?: (event: ReceivedWebhook, sim: BotSimulator) => void | Promise<void>;
}

type Waiter = { match: (e: ReceivedWebhook) => boolean; resolve: (e: ReceivedWebhook) => void };

export class BotSimulator {
  /** Verified deliveries in arrival order, retries of one event included. */
  readonly received: ReceivedWebhook[] = [];
  /** Deliveries refused: bad or missing signature, stale timestamp, not JSON. */
  readonly rejected: { reason: string; headers: Record<string, string> }[] = [];
  secret: string | null;
  /** While set, every webhook is answered with this status (simulates an outage). */
  failWith: number | null = null;
  /** Deliveries answered while failing, for assertions about retries. */
  failedAnswers = 0;
  api: PhoenixApiClient | null = null;
  private waiters: Waiter[] = [];
  private readonly server: ReturnType<typeof Bun.serve>;

  private constructor(private readonly opts: SimulatorOptions) {
    this.secret = opts.secret ?? null;
    this.server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (req) => this.handle(req) });
  }

  static start(opts: SimulatorOptions = {}): BotSimulator {
    return new BotSimulator(opts);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.server.port}`;
  }

  /** Where Phoenix Chat should POST its webhooks. */
  get webhookUrl(): string {
    return `${this.baseUrl}/webhooks`;
  }

  /** Lets the simulator answer as the contact through the API with this key. */
  connect(baseUrl: string, key: string, opts: { sign?: boolean } = {}): PhoenixApiClient {
    this.api = new PhoenixApiClient(baseUrl, key, opts);
    return this.api;
  }

  /** Relays what the contact wrote on the bot's channel into the live chat. */
  async contactSays(chatId: string, text: string, clientId?: string) {
    if (!this.api) throw new Error('connect() the simulator to the API first');
    return this.api.relay(chatId, text, clientId);
  }

  /** The first verified event (received already or later) matching, or a timeout error. */
  next(type: string, match: (e: ReceivedWebhook) => boolean = () => true, timeoutMs = 5_000): Promise<ReceivedWebhook> {
    const test = (e: ReceivedWebhook) => e.type === type && match(e);
    const existing = this.received.find(test);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { match: test, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for webhook ${type}; received ${this.received.map((e) => e.type).join(', ') || 'nothing'}`));
      }, timeoutMs);
    });
  }

  /** How many times each event id was received (a correct sender gives 1 each). */
  countsByEventId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const e of this.received) counts.set(e.eventId, (counts.get(e.eventId) ?? 0) + 1);
    return counts;
  }

  stop(): Promise<void> {
    return this.server.stop(true);
  }

  private async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    if (req.method === 'GET' && url.pathname === '/events') return Response.json({ received: this.received, rejected: this.rejected });
    if (req.method !== 'POST' || url.pathname !== '/webhooks') return new Response('not found', { status: 404 });
    const raw = await req.text();
    const headers = Object.fromEntries(req.headers);
    const refuse = (reason: string) => {
      this.rejected.push({ reason, headers });
      return new Response(reason, { status: 401 });
    };
    if (this.secret === null) return refuse('no secret configured');
    const problem = checkSignature(this.secret, {
      timestamp: headers[SIGNATURE_HEADERS.timestamp] ?? '',
      signature: headers[SIGNATURE_HEADERS.signature] ?? '',
      rawBody: raw,
      nowMs: Date.now(),
    });
    if (problem !== null) return refuse(problem);
    if (this.failWith !== null) {
      this.failedAnswers += 1;
      return new Response('temporarily down', { status: this.failWith });
    }
    let payload: ReceivedWebhook['payload'];
    try {
      payload = JSON.parse(raw) as ReceivedWebhook['payload'];
    } catch {
      return refuse('not JSON');
    }
    const event: ReceivedWebhook = {
      eventId: headers[SIGNATURE_HEADERS.eventId] ?? '',
      type: headers[SIGNATURE_HEADERS.event] ?? '',
      attempt: Number(headers['x-phoenix-delivery-attempt'] ?? 0),
      payload,
      receivedAt: Date.now(),
    };
    if (event.eventId !== payload.id || event.type !== payload.type) return refuse('headers and body disagree');
    this.received.push(event);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(event)) return true;
      w.resolve(event);
      return false;
    });
    await this.opts.onEvent?.(event, this);
    return new Response(null, { status: 204 });
  }
}
