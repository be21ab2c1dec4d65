// The visitor's side of the widget journeys: a separate person's browser on the demo page (the
// customer's website), driving the real widget through what a visitor sees — roles and labels,
// not the widget's internals — plus the agent-side API reads the journeys check against.
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import type { ChatDto, ChatEventDto, MessageDto } from '../../shared/types/dto';
import { UI_TIMEOUT, newContext, watchErrors, type AgentApi } from './console';
import { until } from './wait';

export class DemoVisitor {
  readonly widget: Locator;
  readonly log: Locator;
  readonly box: Locator;
  readonly banner: Locator;
  /** Widget REST calls, "METHOD /api/widget/…" — e.g. to prove a page view creates no chat. */
  readonly calls: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly errors: string[],
  ) {
    this.widget = page.locator('phoenix-chat');
    this.log = this.widget.getByRole('log', { name: 'Messages' });
    this.box = this.widget.getByRole('textbox', { name: 'Write a message…' });
    this.banner = this.widget.locator('.banner');
    page.on('request', (r: Request) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/widget/')) this.calls.push(`${r.method()} ${url.pathname}`);
    });
  }

  /** A new visitor (own storage, so a new visitor token) on the demo page. */
  static async arrive(browser: Browser, base: string): Promise<DemoVisitor> {
    const context = await newContext(browser, { width: 1280, height: 800 });
    const page = await context.newPage();
    const visitor = new DemoVisitor(context, page, watchErrors(page));
    await page.goto(`${base}/demo`);
    return visitor;
  }

  /** Opens the panel and waits until it has loaded (no "Loading chat…" banner). */
  async open(): Promise<void> {
    await this.widget.getByRole('button', { name: 'Open chat' }).click();
    await this.box.waitFor({ timeout: UI_TIMEOUT });
    await this.widget.getByText('Loading chat…').waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    // The panel fades and rises into place: screenshots wait for that to finish.
    await this.widget.locator('.wrap').evaluate((wrap) => Promise.all(wrap.getAnimations().map((a) => a.finished)));
  }

  async send(text: string): Promise<void> {
    await this.box.fill(text);
    await this.box.press('Enter');
    await this.log.getByText(text, { exact: true }).waitFor({ timeout: UI_TIMEOUT });
  }

  /** One bubble of the transcript by its exact text. */
  bubble(text: string): Locator {
    return this.log.locator('phoenix-chat-message').filter({ has: this.page.getByText(text, { exact: true }) });
  }

  /** Waits until the visitor's own message shows as delivered (no "Sending…"/"Waiting…" line). */
  async delivered(text: string): Promise<void> {
    await this.bubble(text).and(this.log.locator('phoenix-chat-message[state="sent"]')).waitFor({ timeout: UI_TIMEOUT });
  }

  /** The texts of the transcript's bubbles, in order. */
  async transcript(): Promise<string[]> {
    return (await this.log.locator('phoenix-chat-message .text').allTextContents()).map((t) => t.trim());
  }

  status(): Locator {
    return this.widget.locator('.status');
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

export const agentMessages = async (agent: AgentApi, chatId: string): Promise<MessageDto[]> =>
  (await agent.call<{ items: MessageDto[] }>('GET', `/api/chats/${chatId}/messages?limit=500`)).items;

export const agentEvents = async (agent: AgentApi, chatId: string): Promise<ChatEventDto[]> =>
  (await agent.call<{ items: ChatEventDto[] }>('GET', `/api/chats/${chatId}/events`)).items;

/** The open chat whose visitor's first words were `text`, as the inbox lists it. */
export async function chatStartedWith(agent: AgentApi, text: string): Promise<ChatDto> {
  const find = async (): Promise<ChatDto | null> => {
    const { items } = await agent.call<{ items: ChatDto[] }>('GET', '/api/chats?view=all&status=open&limit=200');
    for (const chat of items) {
      // System messages (after hours, "now chatting with") may come first: the chat opens, then
      // the visitor's message is sent into it.
      const { items: messages } = await agent.call<{ items: MessageDto[] }>('GET', `/api/chats/${chat.id}/messages?limit=5`);
      if (messages.find((m) => m.author.kind === 'contact')?.text === text) return chat;
    }
    return null;
  };
  return (await until(`a chat started with "${text}"`, find, (c) => c !== null, { intervalMs: 100 }))!;
}

/** Downloads a file the way the console's link does: with a signed-in agent's cookie. */
export async function downloadAsAgent(base: string, login: { email: string; password: string }, path: string): Promise<Response> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(login) });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('phx_session='))?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`login as ${login.email} → ${res.status}`);
  return fetch(new URL(path, base), { headers: { cookie } });
}
