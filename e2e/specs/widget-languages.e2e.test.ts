// Issue 18 item 9, for real: an admin writes French widget texts in Manage → Integrations →
// "Widget texts" (a refused text is said next to its field, in its language), and the widget
// config answer for a French visitor carries them. (The widget's rendering in every state on a
// French page is widget/test/languages.browser.test.ts; the stored messages, server/test/widget-languages.test.ts.)
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { signedInPage } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { until } from '../helpers/wait';

let ADMIN: { email: string; password: string };
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer({ PHOENIX_STANDIN_MEMORY: '1' }), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('Widget texts: French texts saved from the console reach a French visitor’s config', async () => {
  const { context, page, errors } = await signedInPage(browser, server.url, ADMIN.email, ADMIN.password);
  await page.goto(`${server.url}/manage/integrations`);
  const card = page.locator('[data-test="widget-texts"]');
  await card.getByRole('heading', { name: 'Widget texts' }).waitFor();
  const picker = card.getByLabel('Language');
  expect(await picker.inputValue()).toBe('fr');
  // The widget's own French offline sentence is the placeholder.
  // (The French table loads on its own after the card shows: wait for it.)
  const offlineField = card.locator('[data-test="widget-text-offline"]');
  await until('the French offline sentence as the placeholder', async () => (await offlineField.getAttribute('placeholder')) ?? '', (p) => p.includes('Personne n’est disponible'));

  await card.getByLabel('Greeting').fill('Bonjour ! Comment pouvons-nous vous aider ?');
  await card.getByLabel('After-hours message').fill('Nous sommes fermés ; nous vous répondrons demain matin.');
  // A placeholder the server does not know: refused, said next to the field.
  await card.getByLabel('Assigned message').fill('Bonjour, ici {name}.');
  await card.getByRole('button', { name: 'Save widget texts' }).click();
  await card.locator('.field-error, [role="alert"]').filter({ hasText: /\{agent\}/ }).first().waitFor();
  await screenshot(page, 'widget-texts-refused');
  await card.getByLabel('Assigned message').fill('Bonjour, ici {agent}.');
  await card.getByRole('button', { name: 'Save widget texts' }).click();
  await card.getByText('Saved.').first().waitFor();

  // German has nothing set; switching back shows the French texts kept.
  await picker.selectOption('de');
  expect(await card.getByLabel('Greeting').inputValue()).toBe('');
  await picker.selectOption('fr');
  expect(await card.getByLabel('Greeting').inputValue()).toBe('Bonjour ! Comment pouvons-nous vous aider ?');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'widget-texts-saved');

  const org = await (await context.request.get(`${server.url}/api/org`)).json();
  expect(org.widgetTexts.fr).toEqual({
    greeting: 'Bonjour ! Comment pouvons-nous vous aider ?',
    afterHours: 'Nous sommes fermés ; nous vous répondrons demain matin.',
    assigned: 'Bonjour, ici {agent}.',
  });
  const config = await (await fetch(`${server.url}/api/widget/config?org=${org.widgetKey}&locale=fr-CA`)).json();
  expect(config.texts.locale).toBe('fr');
  expect(config.widget.greeting).toBe('Bonjour ! Comment pouvons-nous vous aider ?');
  expect(errors).toEqual([]);
}, 60_000);
