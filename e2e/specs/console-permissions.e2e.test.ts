// Journey 4 (issue #7): an admin switches a team from Collaborative to Self Service; a second
// agent, who could read and join the first agent's chat before, no longer sees it — but still
// sees and may claim the unassigned queue.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import type { ChatDto } from '../../shared/types/dto';
import { launchBrowser, screenshot } from '../helpers/browser';
import { AgentApi, ApiError, PASSWORD, VisitorApi, addMember, holdRequests, signedInPage, uniqueEmail } from '../helpers/console';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { demoLogin, startE2EServer, type E2EServer } from '../helpers/server';

/** The demo owner: its password is this installation's own, read from /demo (helpers/server). */
let ADMIN: { email: string; password: string };

let server: E2EServer;
let mailbox: Mailbox;
let browser: Browser;
let alice: AgentApi;
let bob: AgentApi;
let bobEmail: string;
let alicesChat: ChatDto;
let waitingChat: ChatDto;

beforeAll(async () => {
  mailbox = await startMailbox();
  [server, browser] = await Promise.all([startE2EServer({ SMTP_URL: mailbox.url }), launchBrowser()]);
  ADMIN = await demoLogin(server.url);
  const admin = await new AgentApi(server.url).login(ADMIN.email, ADMIN.password);
  const inbox = (await admin.teams()).find((t) => t.isDefault)!;
  expect(inbox.permissionMode).toBe('collaborative');
  bobEmail = uniqueEmail('bob');
  [alice, bob] = await Promise.all([
    addMember(admin, mailbox, { email: uniqueEmail('alice'), name: 'Alice Agent', teamIds: [inbox.id] }),
    addMember(admin, mailbox, { email: bobEmail, name: 'Bob Agent', teamIds: [inbox.id] }),
  ]);

  // One chat Alice has claimed and answered, one still waiting in the queue.
  const v1 = await new VisitorApi(server.url, admin.org!.widgetKey).start();
  alicesChat = await v1.openChat();
  await v1.say(alicesChat.id, 'I was charged twice for my invoice.');
  await alice.claim(alicesChat.id);
  await alice.send(alicesChat.id, 'Alice here — I am refunding the duplicate now.');
  const v2 = await new VisitorApi(server.url, admin.org!.widgetKey).start();
  waitingChat = await v2.openChat();
  await v2.say(waitingChat.id, 'Is the Summit pack waterproof?');
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mailbox?.close();
});

test('switching a team to Self Service hides an agent’s chat from the other agents', async () => {
  const b = await signedInPage(browser, server.url, bobEmail, PASSWORD);
  const nav = b.page.getByRole('navigation', { name: 'Main' });
  const allLink = nav.getByRole('link', { name: /^All/ });
  const list = b.page.getByRole('region', { name: 'Chats', exact: true });
  const pane = b.page.getByRole('region', { name: 'Conversation', exact: true });
  const alicesItem = list.getByRole('link', { name: /refunding the duplicate/ });

  // Collaborative: Bob sees Alice's chat in All and could join the conversation.
  await allLink.click();
  await alicesItem.waitFor();
  await list.getByRole('link', { name: /Summit pack waterproof/ }).waitFor();
  await allLink.getByLabel('2 chats').waitFor();
  // While the chat's capabilities are still loading (held here, a slow network), the pane must
  // not claim Bob cannot reply — in Collaborative mode he can.
  const loading = await holdRequests(b.page, `**/api/chats/${alicesChat.id}`);
  await alicesItem.click();
  await pane.getByText('Assigned to Alice Agent', { exact: true }).waitFor();
  expect(await pane.getByText(/can read it but not reply/).count()).toBe(0);
  loading.release();
  await pane.getByRole('textbox', { name: 'Message' }).waitFor();
  await pane.getByRole('button', { name: 'Assign ▾' }).waitFor();

  // The admin switches the Inbox team to Self Service.
  const admin = await signedInPage(browser, server.url, ADMIN.email, ADMIN.password);
  await admin.page.getByRole('link', { name: 'Manage' }).click();
  await admin.page.getByRole('navigation', { name: 'Manage' }).getByRole('link', { name: 'Teams' }).click();
  const inboxRow = admin.page.getByRole('row', { name: /Inbox/ });
  await inboxRow.waitFor();
  expect(await inboxRow.textContent()).toContain('Collaborative');
  await inboxRow.getByRole('cell', { name: '3', exact: true }).waitFor(); // members: the owner, Alice and Bob
  await screenshot(admin.page, 'console-teams');
  await inboxRow.getByRole('link', { name: 'Inbox' }).click();
  await admin.page.getByRole('heading', { name: 'Permission mode' }).waitFor();
  await admin.page.getByRole('radio', { name: /Self Service/ }).check();
  await admin.page.getByRole('button', { name: 'Save team' }).click();
  await admin.page.getByText('Saved.').waitFor();
  await screenshot(admin.page, 'console-team-settings');
  await admin.page.getByRole('link', { name: '← Teams' }).click();
  await admin.page.getByRole('row', { name: /Inbox.*Self Service/ }).waitFor();

  // Bob's console follows without a reload: the All badge drops to the one chat he may see.
  await allLink.getByLabel('1 chat').waitFor();
  // Alice's chat leaves his list live too (the server re-checks the team's open chats on a mode
  // change and sends chat.removed) — without the list being fetched again.
  const listLoads: string[] = [];
  b.page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/chats') listLoads.push(r.url());
  });
  await alicesItem.waitFor({ state: 'detached' });
  await list.getByRole('link', { name: /Summit pack waterproof/ }).click();
  await pane.getByText('Is the Summit pack waterproof?').waitFor();
  expect(await pane.getByText('refunding the duplicate').count()).toBe(0);
  expect(listLoads).toEqual([]);
  // A deep link to it is refused, and nothing of it is shown.
  await b.page.goto(`${server.url}/chats/all/${alicesChat.id}`);
  await pane.getByText('This chat does not exist or you no longer have access to it.').waitFor();
  expect(await pane.getByText('refunding the duplicate').count()).toBe(0);
  // A fresh load of the list agrees: the queue stays, Alice's chat is gone.
  await b.page.reload();
  await list.getByRole('link', { name: /Summit pack waterproof/ }).waitFor();
  expect(await alicesItem.count()).toBe(0);
  const denied = await bob.chat(alicesChat.id).then(
    () => null,
    (e: unknown) => e,
  );
  expect(denied).toBeInstanceOf(ApiError);
  expect([403, 404]).toContain((denied as ApiError).status);

  // Self Service still lets Bob claim from the queue; once claimed, it is his alone.
  await nav.getByRole('link', { name: /^Unassigned/ }).click();
  await list.getByRole('link', { name: /Summit pack waterproof/ }).click();
  await pane.getByRole('button', { name: 'Claim Chat' }).first().click();
  await pane.getByText('Assigned to you', { exact: true }).waitFor();
  await pane.getByRole('textbox', { name: 'Message' }).waitFor();
  // A Self Service agent may not reassign.
  expect(await pane.getByRole('button', { name: 'Assign ▾' }).count()).toBe(0);
  expect((await alice.call<{ items: ChatDto[] }>('GET', '/api/chats?view=all&status=open')).items.map((c) => c.id)).toEqual([alicesChat.id]);

  expect(b.errors).toEqual([]);
  expect(admin.errors).toEqual([]);
  await b.context.close();
  await admin.context.close();
}, 30_000);
