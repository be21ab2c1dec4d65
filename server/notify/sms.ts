// SMS through Twilio's Messages API. The twilio client takes a custom `httpClient`; tests hand it
// `redirectingHttpClient(fakeUrl)` so the real client code (auth, form encoding, response
// parsing, error mapping) talks to a local fake of the Messages endpoint, never the internet.
import twilio from 'twilio';

export interface SmsMessage {
  to: string;
  body: string;
}

export interface SmsSender {
  /** Resolves with Twilio's message sid; rejects when Twilio refuses (the job then retries). */
  send(message: SmsMessage): Promise<{ sid: string }>;
}

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  from: string;
  /**
   * TWILIO_API_BASE_URL: where the API calls go instead of https://api.twilio.com (a regional
   * edge, a proxy, a local double); the paths stay Twilio's. null/absent: Twilio's own hosts.
   */
  apiBaseUrl?: string | null;
}

/** What twilio's client calls on its httpClient (the RequestClient contract, trimmed to use). */
export interface TwilioHttpRequest {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  data?: Record<string, unknown>;
  timeout?: number;
}

export interface TwilioHttpResponse {
  statusCode: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface TwilioHttpClient {
  request(opts: TwilioHttpRequest): Promise<TwilioHttpResponse>;
}

export function createTwilioSms(settings: TwilioSettings, opts: { httpClient?: TwilioHttpClient } = {}): SmsSender {
  const httpClient = opts.httpClient ?? (settings.apiBaseUrl ? redirectingHttpClient(settings.apiBaseUrl) : undefined);
  const client = twilio(settings.accountSid, settings.authToken, {
    // twilio types its httpClient as its own RequestClient class; ours honours the same request()
    // contract, which is all the client calls.
    ...(httpClient ? { httpClient: httpClient as unknown as twilio.RequestClient } : {}),
  });
  return {
    async send(message) {
      const sent = await client.messages.create({ to: message.to, from: settings.from, body: message.body });
      return { sid: sent.sid };
    },
  };
}

function formEncode(data: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
  }
  return form.toString();
}

/**
 * An httpClient that sends twilio's requests to `baseUrl` (same path and query) with fetch: for
 * tests against a local fake, or a proxy in front of Twilio.
 */
export function redirectingHttpClient(baseUrl: string): TwilioHttpClient {
  const base = new URL(baseUrl);
  return {
    async request(opts) {
      const target = new URL(opts.uri);
      target.protocol = base.protocol;
      target.host = base.host;
      // A base with a path (a proxy mounted under /twilio, say) prefixes Twilio's paths.
      target.pathname = `${base.pathname.replace(/\/+$/, '')}${target.pathname}`;
      for (const [key, value] of Object.entries(opts.params ?? {})) target.searchParams.set(key, String(value));
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.username !== undefined && opts.password !== undefined) {
        headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
      }
      const method = opts.method.toUpperCase();
      const res = await fetch(target, {
        method,
        headers,
        ...(opts.data && method !== 'GET' ? { body: formEncode(opts.data) } : {}),
        signal: AbortSignal.timeout(opts.timeout ?? 30_000),
      });
      return { statusCode: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
    },
  };
}
