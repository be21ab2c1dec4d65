// The bot platform's client of Phoenix Chat's /api/v1: bearer key, optional HMAC signature over
// method, path with query, timestamp and raw body (server/services/signature.ts, the one
// definition of the scheme).
import { SIGNATURE_HEADERS, signRequest } from '../../server/services/signature';

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClientOptions {
  /** Sign every request (required for keys created as "signature required"). */
  sign?: boolean;
  /** Milliseconds timestamps let the very same request be sent twice within one second. */
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
      // Signed as the server reads it: the path and query the URL parser serialises.
      const url = new URL(`${this.baseUrl}${path}`);
      headers[SIGNATURE_HEADERS.signature] = signRequest(this.key, { method, pathWithQuery: `${url.pathname}${url.search}`, timestamp: ts, rawBody: raw });
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
