// Issue 18 item 9, in Chromium: on a page with <html lang="fr"> the built widget speaks French in
// every state a visitor can reach (closed launcher, open, waiting, agent typing, chatting with an
// agent, the unresponsive choice, refusals and file errors, ended with rating and transcript,
// after hours, the offline form), and none of its English table shows anywhere. It also tells
// the server its language (config ?locale=, session visitor.locale) for the stored messages.
import { expect, test } from 'bun:test';
import type { Page } from 'playwright-core';
import { englishErrors, englishStrings, loadLocale, translator } from '../internal/strings';
import { SAME_AS_ENGLISH } from '../internal/locales/same-as-english';
import { browserSuite, launcher, open, send, T, untilConfirmed } from './harness';

/** Everything the widget shows or says: text nodes and the attributes people and screen readers read. */
const COLLECTOR = `window.__phxAll = () => {
  const out = [];
  const walk = (n) => {
    if (n.nodeType === 3) { const t = (n.textContent || '').trim(); if (t) out.push(t); return; }
    if (n instanceof Element) {
      for (const a of ['aria-label', 'placeholder', 'title', 'alt']) { const v = n.getAttribute(a); if (v) out.push(v); }
      if (n.shadowRoot) walk(n.shadowRoot);
    }
    for (const c of n.childNodes) walk(c);
  };
  const host = document.querySelector('phoenix-chat');
  if (host) walk(host);
  return out;
};`;
type CollectorWindow = Window & { __phxAll: () => string[] };

const widgetTexts = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as CollectorWindow).__phxAll());

/** Wait until the widget shows each of `want`, then add all it shows to `seen`. */
async function shows(page: Page, want: string[], seen: string[]): Promise<void> {
  for (const w of want) {
    await page.waitForFunction((text) => (window as unknown as CollectorWindow).__phxAll().some((x) => x.includes(text)), w, { timeout: 8_000 }).catch(async () => {
      throw new Error(`"${w}" not shown; the widget shows ${JSON.stringify(await widgetTexts(page))}`);
    });
  }
  seen.push(...(await widgetTexts(page)));
}

// What the fake server and page write (organization content, not the widget's table).
const NOT_OURS = ['Ann has not answered yet. What would you like to do?', 'Another agent', 'Keep waiting', 'You are now chatting with Bob.', 'Acme support', 'Acme', 'Ann', 'Bob'];

/** English table values (their fixed parts between placeholders) found in the texts. */
function englishIn(texts: string[]): string[] {
  const allowed = new Set<string>(SAME_AS_ENGLISH.fr ?? []);
  const shown = texts.filter((x) => !NOT_OURS.includes(x)).join('\n');
  const found: string[] = [];
  for (const [key, value] of [...Object.entries(englishStrings), ...Object.entries(englishErrors)]) {
    if (allowed.has(key)) continue;
    for (const part of value.split(/\{\w+\}/)) {
      const fixed = part.trim().replace(/^[,.:;·—–-]+|[,.:;·—–-]+$/g, '').trim();
      if (fixed.length >= 3 && /[A-Za-z]/.test(fixed) && shown.includes(fixed)) found.push(`${key}: "${fixed}"`);
    }
  }
  return found;
}

browserSuite('widget in Chromium: languages', (s) => {
  test('the English detector finds English on an English page (so it can fail)', async () => {
    const { page } = await s.setup('?html-lang=en');
    await page.addScriptTag({ content: COLLECTOR });
    await open(page);
    const seen: string[] = [];
    await shows(page, ['Write a message…'], seen);
    expect(englishIn(seen)).toContain('placeholder: "Write a message…"');
  }, T);

  test('<html lang="fr">: every state in French, no English string of the widget anywhere', async () => {
    await loadLocale('fr');
    const fr = translator('fr');
    const { page } = await s.setup('?html-lang=fr');
    const seen: string[] = [];
    const collect = (want: string[]) => shows(page, want, seen);
    await page.addScriptTag({ content: COLLECTOR });

    // Closed launcher.
    expect(await launcher(page).getAttribute('aria-label')).toBe('Ouvrir le chat');
    seen.push(...(await widgetTexts(page)));

    // Open, then waiting for an agent.
    await open(page);
    await collect([fr('placeholder'), fr('closeChat')]);
    await send(page, 'bonjour');
    await untilConfirmed(page, 'bonjour');
    await collect([fr('waitingAgent')]);
    const chat = s.server.onlyChat();

    // The agent types, joins, writes.
    s.server.agentTyping(chat.id, true);
    await collect([fr('typing', { name: 'Ann' })]);
    s.server.agentTyping(chat.id, false);
    s.server.assign(chat.id);
    await collect([fr('chattingWith', { name: 'Ann' })]);
    s.server.agentSays(chat.id, 'Bonjour, je regarde.');
    await collect(['Bonjour, je regarde.']);

    // The unresponsive choice.
    s.server.offerChoice(chat.id);
    await collect([fr('choiceAnotherAgent'), fr('choiceKeepWaiting')]);
    await page.locator('phoenix-chat-message .action').first().click();
    await collect(['Bob']);

    // A refused message, then a file the widget refuses before sending.
    s.server.control.refuseOnce.add('refusé');
    await send(page, 'refusé');
    await collect([fr('notSent'), fr('retry')]);
    await page.locator('phoenix-chat-composer input[type=file]').setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await collect([fr('fileBadType', { name: 'setup.exe' })]);

    // The chat menu, then the end: rating and transcript.
    const menu = page.locator('phoenix-chat-panel .more');
    if (await menu.count()) {
      await menu.click();
      await collect([fr('endChat')]);
      await menu.click();
    }
    s.server.end(chat.id);
    await collect([fr('ended'), fr('startNew'), fr('ratePrompt')]);

    const english = englishIn(seen);
    expect(english).toEqual([]);

    // It told the server its language.
    expect(s.server.log.requests.some((r) => r.startsWith('GET /api/widget/config'))).toBe(true);
    expect(s.server.log.sessions.map((b) => (b.visitor as { locale?: string } | undefined)?.locale)).toContain('fr');
  }, T);

  test('after hours in French: data-locale (fr-CA) wins over <html lang="de">', async () => {
    await loadLocale('fr');
    const fr = translator('fr');
    const { page } = await s.setup('?html-lang=de&locale=fr-CA', '/', (server) => {
      server.config.team.open = false;
      server.config.team.afterHoursMessage = 'Nous sommes fermés.';
    });
    await page.addScriptTag({ content: COLLECTOR });
    expect(await launcher(page).getAttribute('aria-label')).toBe('Ouvrir le chat');
    await open(page);
    const seen: string[] = [];
    await shows(page, [fr('afterHours'), 'Nous sommes fermés.'], seen);
    expect(englishIn(seen)).toEqual([]);
  }, T);

  test('the offline form in French, with the organization’s French intro from the config', async () => {
    await loadLocale('fr');
    const fr = translator('fr');
    const { page } = await s.setup('?html-lang=fr-BE', '/', (server) => {
      server.config.team.open = false;
      server.config.team.offline = true;
      server.config.texts = { locale: 'fr', greeting: null, afterHours: null, offline: 'Écrivez-nous : nous répondons sous 24 h.' };
    });
    await page.addScriptTag({ content: COLLECTOR });
    await launcher(page).click();
    const seen: string[] = [];
    const offer = page.locator('phoenix-chat-panel .offer button.primary, phoenix-chat-panel button.primary').first();
    await shows(page, [fr('offlineTitle')], seen);
    if (!(await page.locator('phoenix-visitor-form').count())) await offer.click();
    await shows(page, ['Écrivez-nous : nous répondons sous 24 h.', fr('offlineSubmit'), fr('yourEmail')], seen);
    expect(englishIn(seen)).toEqual([]);
  }, T);
});
