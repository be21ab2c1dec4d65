// Integration tests run the real app on a real database (the stand-in unless MONGODB_URI is
// set), one database per test file, and talk to it over HTTP and WebSocket like a client would.
import type { MemberDto } from '../../shared/types/dto';
import type { Role } from '../../shared/types/enums';
import type { EventBus } from '../bus/bus';
import { loadConfig, type Config } from '../config';
import type { Clock } from '../clock';
import { ObjectId } from '../db/ids';
import type { OrgRepos } from '../db/repos';
import { createLogger } from '../logger';
import { captureMailer, createMailer, type Mail } from '../notify/mailer';
import type { SmsSender } from '../notify/sms';
import { startServer, type RunningServer } from '../runtime';
import { testDatabase } from './database';

export interface TestServer extends RunningServer {
  /** The mail the server sent (empty with `mail: 'smtp'`: that mail goes to SMTP_URL). */
  outbox: Mail[];
  /** Where its data lives, to start a second instance on the same database. */
  database: { uri: string; dbName: string };
  /** Stops the server and drops its database. */
  close(): Promise<void>;
}

export async function startTestServer(
  label: string,
  opts: {
    env?: Record<string, string>;
    /** A manual clock, or one running at real speed from another time (see testing/routing.ts). */
    clock?: Clock;
    /** Share another server's database (multi-instance tests); it is then not dropped on close. */
    database?: { uri: string; dbName: string };
    /** `capture` (default) keeps mail in `outbox`; `smtp` really sends it to the env's SMTP_URL. */
    mail?: 'capture' | 'smtp';
    /** The SMS sender (default: none unless TWILIO_* is in `env`). */
    sms?: SmsSender | null;
    /** Share an event bus between instances (multi-instance tests). */
    bus?: EventBus;
    /** Run the stand-in in interleaving mode (race tests; see testing/database.ts). */
    interleave?: boolean;
  } = {},
): Promise<TestServer> {
  const db = opts.database ? { ...opts.database, stop: () => Promise.resolve() } : await testDatabase(label, { interleave: opts.interleave === true });
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    PUBLIC_URL: 'http://phoenix.test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    ...opts.env,
  });
  const log = createLogger({ level: config.logLevel, pretty: true });
  const captured = captureMailer();
  const mailer = opts.mail === 'smtp' ? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log }) : captured;
  const running = await startServer({
    config,
    mailer,
    log,
    ...(opts.sms !== undefined ? { sms: opts.sms } : {}),
    ...(opts.bus ? { bus: opts.bus } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    database: { uri: db.uri, dbName: db.dbName, backend: 'test' },
  });
  return {
    ...running,
    outbox: captured.outbox,
    database: { uri: db.uri, dbName: db.dbName },
    async close() {
      await running.stop();
      await db.stop();
    },
  };
}

/** One organization's repositories on `server`: how tests read and arrange stored documents. */
export const orgRepos = (server: Pick<RunningServer, 'ctx'>, orgId: string | ObjectId): OrgRepos => server.ctx.repos.forOrg(new ObjectId(orgId.toString()));

/** A stored document's id from an id the API returned. */
export const oid = (id: string | ObjectId): ObjectId => new ObjectId(id.toString());

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps its cookies, sends JSON, parses JSON answers. */
export class TestClient {
  constructor(
    readonly baseUrl: string,
    readonly defaultHeaders: Record<string, string> = {},
    readonly cookies = new Map<string, string>(),
  ) {}

  /** The same browser (its cookies, live) talking to another instance at `baseUrl`. */
  at(baseUrl: string): TestClient {
    return new TestClient(baseUrl, this.defaultHeaders, this.cookies);
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const init: RequestInit = { method, headers: { ...this.defaultHeaders, ...headers } };
    const h = init.headers as Record<string, string>;
    if (this.cookies.size > 0) h.cookie = this.cookieHeader;
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      h['content-type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const res = await fetch(`${this.baseUrl}${path}`, init);
    for (const setCookie of res.headers.getSetCookie()) {
      const [pair] = setCookie.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(setCookie) || /max-age=0/i.test(setCookie)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body ?? {});
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}

let counter = 0;
/** A unique e-mail per call, so tests never collide on the global e-mail index. */
export const uniqueEmail = (prefix = 'user') => `${prefix}-${Date.now().toString(36)}-${++counter}@example.test`;

/** Signs up a fresh organization and returns its owner's client. */
export async function signUp(server: { url: string }, overrides: Partial<{ orgName: string; name: string; email: string; password: string }> = {}) {
  const client = new TestClient(server.url);
  const input = { orgName: 'Acme', name: 'Olivia Owner', email: uniqueEmail('owner'), password: 'correct horse battery', ...overrides };
  const res = await client.post('/api/auth/signup', input);
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, user: res.body.user, org: res.body.org, password: input.password, email: input.email };
}

/** The token from the newest invitation e-mail to `email` (captured mail). */
export function invitationToken(server: Pick<TestServer, 'outbox'>, email: string): string {
  const mail = server.outbox.findLast((m) => m.to === email);
  if (!mail) throw new Error(`no mail to ${email}`);
  const match = /accept\?token=([^\s"&<]+)/.exec(mail.text);
  if (!match) throw new Error('no invitation link in the mail');
  return decodeURIComponent(match[1]!);
}

export const MEMBER_PASSWORD = 'member password 1';

/** Invites a member through the API and accepts as them; returns their signed-in client. */
export async function addMember(
  server: TestServer,
  admin: TestClient,
  input: { role: Exclude<Role, 'owner'>; teamIds?: string[]; name?: string },
) {
  const email = uniqueEmail(input.role);
  const invite = await admin.post('/api/invitations', { email, role: input.role, teamIds: input.teamIds ?? [] });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${JSON.stringify(invite.body)}`);
  const token = invitationToken(server, email);
  const client = new TestClient(server.url);
  // Every test member comes from 127.0.0.1; setup must not trip the per-address accept limit.
  server.ctx.limiter.reset();
  const name = input.name ?? `${input.role} ${Math.random().toString(36).slice(2, 6)}`;
  const res = await client.post('/api/invitations/accept', { token, name, password: MEMBER_PASSWORD });
  if (res.status !== 201) throw new Error(`accept failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, user: res.body.user as MemberDto, email, password: MEMBER_PASSWORD };
}

/** Values that must never pass where a scalar belongs (operator injection). */
export const OPERATOR = { $gt: '' };

/** A visitor with a widget session, able to start a chat and talk over REST. */
export async function newVisitor(server: { url: string }, widgetKey: string) {
  const session = await new TestClient(server.url).post('/api/widget/session', { org: widgetKey });
  if (session.status !== 200) throw new Error(`visitor session failed: ${session.status}`);
  const client = new TestClient(server.url, { authorization: `Bearer ${session.body.token}` });
  return {
    token: session.body.token as string,
    contactId: session.body.contactId as string,
    client,
    async startChat(teamId?: string): Promise<{ id: string; teamId: string }> {
      const res = await client.post('/api/widget/chats', teamId ? { teamId } : {});
      if (res.status !== 201 && res.status !== 200) throw new Error(`start chat failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    say(chatId: string, text: string, clientId: string = crypto.randomUUID()) {
      return client.post(`/api/widget/chats/${chatId}/messages`, { clientId, text });
    },
  };
}
