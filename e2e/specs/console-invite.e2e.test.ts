// Journey 1 (issue #7): an admin invites an agent from Manage → Members; the agent follows the
// link in the e-mail they received, accepts, and later signs in with the password they chose.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from '../helpers/browser';
import { PASSWORD, UI_TIMEOUT, loginAs, newContext, signIn, signedInPage, uniqueEmail, watchErrors } from '../helpers/console';
import { linkIn, startMailbox, type Mailbox } from '../helpers/mailbox';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';

/** The demo owner: its password is this installation's own, read from /demo (helpers/server). */
let ADMIN: { email: string; password: string };

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
}, 30_000);

test('an admin invites an agent, who accepts from the e-mail and signs in', async () => {
  const agentEmail = uniqueEmail('ana');
  const admin = await signedInPage(browser, server.url, ADMIN.email, ADMIN.password);
  const { page } = admin;

  await page.getByRole('link', { name: 'Manage' }).click();
  await page.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Members' }).click();
  await page.getByRole('heading', { name: 'Invite a member' }).waitFor({ timeout: UI_TIMEOUT });
  await page.getByLabel('E-mail').fill(agentEmail);
  await page.getByLabel('Role').selectOption({ label: 'Agent' });
  await page.getByRole('checkbox', { name: 'Inbox' }).check();
  await page.getByRole('button', { name: 'Invite Member' }).click();
  await page.getByText('Invitation sent.').waitFor({ timeout: UI_TIMEOUT });
  // The pending list shows the invitation until it is accepted.
  const pending = page.locator('li', { hasText: agentEmail });
  await pending.waitFor({ timeout: UI_TIMEOUT });
  expect(await pending.textContent()).toContain('Agent');

  // The invitee, in their own browser, opens the link from the mail.
  const mail = await mailbox.waitFor(agentEmail, /\/accept\?token=/);
  const link = linkIn(mail, '/accept');
  expect(link.startsWith(server.url)).toBe(true);
  const agentContext = await newContext(browser);
  const agentPage = await agentContext.newPage();
  const agentErrors = watchErrors(agentPage);
  await agentPage.goto(link);
  await agentPage.getByText(`Demo Company invited ${agentEmail} as Agent.`).waitFor({ timeout: UI_TIMEOUT });
  await agentPage.getByLabel('Your name').fill('Ana Agent');
  await agentPage.getByLabel('Choose a password').fill(PASSWORD);
  await agentPage.getByRole('button', { name: 'Accept invitation' }).click();
  // Accepting signs the new member in and lands them in the console.
  const nav = agentPage.getByRole('navigation', { name: 'Main' });
  await nav.getByText('Ana Agent').waitFor({ timeout: UI_TIMEOUT });
  // An agent sees their team's inbox but no admin-only tabs.
  await nav.getByRole('link', { name: /Inbox/ }).waitFor({ timeout: UI_TIMEOUT });
  await agentPage.getByRole('link', { name: 'Manage' }).click();
  await agentPage.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Profile' }).waitFor({ timeout: UI_TIMEOUT });
  expect(await agentPage.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Members' }).count()).toBe(0);

  // The link is single-use.
  const reuse = await fetch(`${server.url}/api/invitations/lookup/${new URL(link).searchParams.get('token')}`);
  expect(reuse.status).toBeGreaterThanOrEqual(400);

  // Sign out, then sign in again with the chosen password.
  await agentPage.getByRole('button', { name: 'Sign out' }).click();
  await agentPage.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: UI_TIMEOUT });
  await signIn(agentPage, agentEmail, PASSWORD);
  await agentPage.getByRole('navigation', { name: 'Main' }).getByText('Ana Agent').waitFor({ timeout: UI_TIMEOUT });

  // The admin's member list now has the agent, with the team, and the invitation is gone.
  await page.reload();
  // (The row may render before the team names have loaded, so wait for the whole row.)
  const row = page.getByRole('row', { name: /Ana Agent.*Agent.*Inbox.*Available/ });
  await row.waitFor({ timeout: UI_TIMEOUT });
  expect(await page.locator('li', { hasText: agentEmail }).count()).toBe(0);
  await screenshot(page, 'console-members');

  // And the API agrees: the new member is an active agent of the Inbox team.
  const api = await loginAs(server.url, agentEmail, PASSWORD);
  expect(api.user?.role).toBe('agent');
  const teams = await api.teams();
  expect(teams.map((t) => t.name)).toEqual(['Inbox']);
  expect(api.user?.teamIds).toEqual([teams[0]!.id]);

  expect(admin.errors).toEqual([]);
  expect(agentErrors).toEqual([]);
  await agentContext.close();
  await admin.context.close();
}, 30_000);
