// The bot platform's client of Phoenix Chat's /api/v1: bearer key, optional HMAC signature
// over `timestamp.rawBody` (see server/webhooks/signature.ts, the one definition of the scheme).
import { SIGNATURE_HEADERS, sign } from '../../server/services/signature';

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClientOptions {
  /** Sign every request (required for keys created as "signature required"). */
  sign?: boolean;
  /** Milliseconds timestamps let identical bodiless requests within one second differ. */
  timestamp?: () => string;
}

export class PhoenixApiClient {
  constructor(
    readonly baseUrl: string,
    readonly key: string,
    readonly opts: ApiClientOptions = {},
  ) {}

  /** Sends `body` exactly as given when it is a string (tests tamper with it that way). */
  async request<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiResult<T>> {
    const raw = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}` };
    if (raw !== '') headers['content-type'] = 'application/json';
    if (this.opts.sign) {
      const ts = this.opts.timestamp?.() ?? String(Date.now());
      headers[SIGNATURE_HEADERS.timestamp] = ts;
      headers[SIGNATURE_HEADERS.signature] = sign(this.key, ts, raw);
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers: { ...headers, ...extraHeaders }, ...(raw !== '' ? { body: raw } : {}) });
    const text = await res.text();
    const parsed: unknown = (res.headers.get('content-type') ?? '').includes('json') && text !== '' ? JSON.parse(text) : text;
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  handoff(body: Record<string, unknown>) {
    return this.request('POST', '/api/v1/chats', body);
  }

  relay(chatId: string, text: string, clientId?: string) {
    return this.request('POST', `/api/v1/chats/${chatId}/messages`, { text, ...(clientId ? { clientId } : {}) });
  }

  messages(chatId: string, afterSeq = 0) {
    return this.request('GET', `/api/v1/chats/${chatId}/messages?afterSeq=${afterSeq}`);
  }
}
