// Issue 17.5: read receipts both ways. The agent opens the visitor's chat (tab visible, message
// on screen): the visitor's widget shows "Seen" under their message. The agent replies; the
// visitor, with the widget open, reads it: the console shows "Seen" (double tick, time in the
// tooltip) under the reply. Both survive a reload (returned on resume / with the chat).
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, UI_TIMEOUT, newContext, signedInPage, watchErrors } from '../helpers/console';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';
import { chatStartedWith } from '../helpers/widget';

let server: E2EServer;
let browser: Browser;
let ADMIN: { email: string; password: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

test('the visitor sees Seen when the agent read it, and the agent when the visitor read the reply', async () => {
  const admin = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);
  const visitorContext = await newContext(browser, { width: 1280, height: 800 });
  const site = await visitorContext.newPage();
  const siteErrors = watchErrors(site);
  await site.goto(`${server.url}/demo`);
  const widget = site.locator('phoenix-chat');
  await widget.getByRole('button', { name: 'Open chat' }).click();
  const box = widget.getByRole('textbox', { name: 'Write a message…' });
  await box.fill('Is the Trailhead 40 pack waterproof?');
  await box.press('Enter');
  const log = widget.getByRole('log', { name: 'Messages' });
  await log.getByText('Is the Trailhead 40 pack waterproof?').waitFor({ timeout: UI_TIMEOUT });
  const chat = await chatStartedWith(admin, 'Is the Trailhead 40 pack waterproof?');
  if (chat.status === 'unassigned') await admin.claim(chat.id);
  // Nobody has read it yet.
  expect(await widget.getByTestId('seen').count()).toBe(0);

  // The agent opens the chat: the visitor's widget says Seen under their message.
  const { page, errors } = await signedInPage(browser, server.url, ADMIN.email, ADMIN.password);
  await page.goto(`${server.url}/chats/all/${chat.id}`);
  const pane = page.getByRole('region', { name: 'Conversation', exact: true });
  await pane.getByText('Is the Trailhead 40 pack waterproof?').waitFor({ timeout: UI_TIMEOUT });
  await widget.getByTestId('seen').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(site, 'read-receipts-visitor-seen');

  // The visitor closes the widget; the agent replies: not seen while the panel is closed.
  await widget.getByRole('dialog').getByRole('button', { name: 'Close chat' }).click();
  const composer = pane.getByRole('textbox', { name: 'Message' });
  await composer.fill('Yes — the fabric is coated and the seams are taped.');
  await composer.press('Enter');
  await pane.getByText('the seams are taped').waitFor({ timeout: UI_TIMEOUT });
  // The widget holds the reply (its unread badge) before we check that nothing was reported.
  await widget.getByRole('button', { name: 'Open chat, 1 unread message' }).waitFor({ timeout: UI_TIMEOUT });
  expect(await pane.getByTestId('seen').count()).toBe(0);

  // The visitor opens the widget and reads the reply: the console shows Seen with its time.
  await widget.getByRole('button', { name: /Open chat/ }).click();
  await log.getByText('the seams are taped').waitFor({ timeout: UI_TIMEOUT });
  const seen = pane.getByTestId('seen');
  await seen.waitFor({ timeout: UI_TIMEOUT });
  expect(await seen.textContent()).toContain('Seen');
  expect(await seen.getAttribute('title')).toMatch(/^Seen by the visitor /);
  await screenshot(page, 'read-receipts-agent-seen');

  // Stored: a reload of the console shows it again (the chat carries visitorReadSeq).
  await page.reload();
  await pane.getByText('the seams are taped').waitFor({ timeout: UI_TIMEOUT });
  await pane.getByTestId('seen').waitFor({ timeout: UI_TIMEOUT });
  const stored = await admin.chat(chat.id);
  expect(stored.chat.visitorReadSeq).toBeGreaterThanOrEqual(2);
  expect(stored.chat.agentReadSeq).toBeGreaterThanOrEqual(1);

  // And the widget after a reload: Seen under the visitor's message, from the replay.
  await site.reload();
  await widget.getByRole('button', { name: /Open chat/ }).click();
  await log.getByText('the seams are taped').waitFor({ timeout: UI_TIMEOUT });
  await widget.getByTestId('seen').waitFor({ timeout: UI_TIMEOUT });

  // The visitor ends the chat from the header menu, after confirming.
  const panel = widget.getByRole('dialog');
  await panel.getByRole('button', { name: 'Chat options' }).click();
  await panel.getByRole('menuitem', { name: 'End chat' }).click();
  await panel.getByRole('alertdialog', { name: 'End this chat?' }).getByRole('button', { name: 'End chat' }).click();
  await panel.getByText('This chat has ended.').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(site, 'read-receipts-visitor-ended');
  expect((await admin.chat(chat.id)).chat.status).toBe('ended');

  expect(errors).toEqual([]);
  expect(siteErrors).toEqual([]);
}, 90_000);
