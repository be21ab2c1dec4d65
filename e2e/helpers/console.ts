// Seeding and sign-in helpers for the console journeys. Seeding goes through the public REST
// API exactly as the console or the widget would call it — never to the database — so a journey
// only ever starts from a state a real user could have produced.
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import type { ChatDto, InvitationDto, MemberDto, MessageDto, OrgDto, TeamDto } from '../../shared/types/dto';
import type { Role } from '../../shared/types/enums';
import { linkIn, type Mailbox } from './mailbox';
import { UI_TIMEOUT } from './wait';

export { UI_TIMEOUT };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} → ${status}: ${JSON.stringify(body)}`);
  }
}

/** A tiny agent-side API client holding its own session cookie, like one browser would. */
export class AgentApi {
  private cookie = '';
  user: MemberDto | null = null;
  org: OrgDto | null = null;

  constructor(readonly base: string) {}

  /** The `Cookie` header this client signs in with (for a socket of its own, or to end its session). */
  get sessionCookie(): string {
    return this.cookie;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('phx_session='));
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) throw new ApiError(res.status, parsed, `${method} ${path}`);
    return parsed as T;
  }

  async login(email: string, password: string): Promise<this> {
    const r = await this.call<{ user: MemberDto; org: OrgDto }>('POST', '/api/auth/login', { email, password });
    this.user = r.user;
    this.org = r.org;
    return this;
  }

  async signup(input: { orgName: string; name: string; email: string; password: string }): Promise<this> {
    const r = await this.call<{ user: MemberDto; org: OrgDto }>('POST', '/api/auth/signup', input);
    this.user = r.user;
    this.org = r.org;
    return this;
  }

  teams = async () => (await this.call<{ items: TeamDto[] }>('GET', '/api/teams')).items;
  updateTeam = (id: string, patch: Partial<TeamDto>) => this.call<TeamDto>('PATCH', `/api/teams/${id}`, patch);
  invite = (email: string, role: Role, teamIds: string[]) => this.call<InvitationDto>('POST', '/api/invitations', { email, role, teamIds });
  chat = (id: string) => this.call<{ chat: ChatDto; capabilities: Record<string, boolean> }>('GET', `/api/chats/${id}`);
  claim = (id: string) => this.call<ChatDto>('POST', `/api/chats/${id}/claim`);
  send = (chatId: string, text: string) =>
    this.call<MessageDto>('POST', `/api/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text });
  setStatus = (manualStatus: 'available' | 'away') => this.call<MemberDto>('PATCH', '/api/me', { manualStatus });
}

export const PASSWORD = 'correct-horse-battery';

export async function loginAs(base: string, email: string, password: string): Promise<AgentApi> {
  return new AgentApi(base).login(email, password);
}

/**
 * Invites a member and accepts through the link in the captured e-mail, as the invitee would
 * from their inbox (the token only exists in that mail). Returns the new member's API client.
 */
export async function addMember(
  admin: AgentApi,
  mailbox: Mailbox,
  who: { email: string; name: string; role?: Role; teamIds: string[] },
): Promise<AgentApi> {
  await admin.invite(who.email, who.role ?? 'agent', who.teamIds);
  const mail = await mailbox.waitFor(who.email, /\/accept\?token=/);
  const token = new URL(linkIn(mail, '/accept')).searchParams.get('token')!;
  const member = new AgentApi(admin.base);
  const r = await member.call<{ user: MemberDto; org: OrgDto }>('POST', '/api/invitations/accept', { token, name: who.name, password: PASSWORD });
  member.user = r.user;
  member.org = r.org;
  return member;
}

/** A visitor through the widget's REST API (the same calls the widget makes). */
export class VisitorApi {
  private token = '';
  contactId = '';

  constructor(
    readonly base: string,
    readonly widgetKey: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) throw new ApiError(res.status, parsed, `${method} ${path}`);
    return parsed as T;
  }

  async start(visitor: { pageUrl?: string; browser?: string; language?: string } = {}): Promise<this> {
    const s = await this.call<{ token: string; contactId: string }>('POST', '/api/widget/session', {
      org: this.widgetKey,
      visitor: { pageUrl: visitor.pageUrl ?? `${this.base}/pricing`, referrer: null, browser: visitor.browser ?? 'E2E Chromium', language: visitor.language ?? 'en' },
    });
    this.token = s.token;
    this.contactId = s.contactId;
    return this;
  }

  openChat = (teamId?: string) => this.call<ChatDto>('POST', '/api/widget/chats', teamId ? { teamId } : {});
  say = (chatId: string, text: string) =>
    this.call<MessageDto>('POST', `/api/widget/chats/${chatId}/messages`, { clientId: crypto.randomUUID(), text });
  messages = async (chatId: string) => (await this.call<{ items: MessageDto[] }>('GET', `/api/widget/chats/${chatId}/messages`)).items;
}

/**
 * A fresh browser context (own cookies, like a separate person's browser) signed in through the
 * real login form. Page errors are collected so a journey can assert the console stayed clean.
 */
export async function signedInPage(
  browser: Browser,
  base: string,
  email: string,
  password: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}/login`);
  await signIn(page, email, password);
  return { context, page, errors };
}

/** A separate person's browser: own cookies; actions fail fast instead of Playwright's 30 s. */
export async function newContext(browser: Browser, viewport = { width: 1440, height: 900 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(UI_TIMEOUT);
  return context;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: UI_TIMEOUT });
}

/** Uncaught page errors and console errors (except expected network refusals the app handles). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Unique-per-run e-mail addresses, so reruns against a long-lived server never collide. */
export function uniqueEmail(name: string): string {
  return `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
}

/**
 * Holds every request to `url` (a Playwright glob) until `release()` — a slow network on
 * demand, to make "what shows while this is loading" deterministic instead of racing it.
 * `rewrite` may change the JSON answer, so a journey can see when the held answer has landed.
 */
export async function holdRequests(
  page: Page,
  url: string,
  rewrite?: (body: Record<string, unknown>) => Record<string, unknown>,
): Promise<{ release: () => void }> {
  let open!: () => void;
  const held = new Promise<void>((r) => (open = r));
  let released = false;
  // The route stays installed after release (unrouting while a handler waits makes Playwright
  // settle the request itself); later requests just pass through unchanged.
  await page.route(url, async (route: Route) => {
    const heldOne = !released;
    await held;
    if (!rewrite || !heldOne) return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, json: rewrite((await response.json()) as Record<string, unknown>) });
  });
  return {
    release() {
      released = true;
      open();
    },
  };
}
