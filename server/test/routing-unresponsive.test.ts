// Unresponsive agents on auto-assigned chats. Timeouts are set to 0.5 s straight in the database
// (the API's minimum is 10 s), so the Agenda job comes due quickly; waits poll with deadlines.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { ObjectId } from '../db/ids';
import { JOB } from '../jobs/names';
import type { ChatDoc } from '../db/types';
import { RoutingEngine } from '../routing/engine';
import { jobsNamed } from '../testing/jobs';
import { chatById, openTestChat, seedOrg, type SeededOrg } from '../testing/routing';
import { waitFor } from '../testing/wait';
import { agentResponded, unresponsiveDue } from '../routing/unresponsive';
import { storeMessage } from '../services/messages';
import { newVisitor, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('routing-unresponsive');
});
afterAll(() => server.close());

const OFFER = 'Sorry, {agent} is busy. Another agent, or keep waiting?';
const unresponsive = (strategy: 'reassign' | 'offer_choice') => ({ unresponsiveStrategy: strategy, unresponsiveTimeoutSeconds: 0.5, unresponsiveMessage: OFFER });

const jobsFor = async (chatId: ObjectId | string) => (await jobsNamed(server, JOB.unresponsive, { chatId: chatId.toString() })).length;
const history = async (org: SeededOrg, chatId: ObjectId | string) =>
  (await org.db.chatEvents.find({ chatId: new ObjectId(chatId.toString()) }, { sort: { createdAt: 1, _id: 1 } })).map((e) => ({
    kind: e.kind,
    actor: e.actor?.kind,
    from: e.fromAssigneeId?.toString() ?? null,
    to: e.toAssigneeId?.toString() ?? null,
  }));
const idOf = (org: SeededOrg, i: number) => org.agents[i]!.id.toString();

/** Waits until the chat's pending timer has fired (its job is gone and nothing is due). */
const timerFired = (org: SeededOrg, chatId: ObjectId | string) =>
  waitFor(
    async () => {
      const chat = await chatById(server.ctx, org, chatId);
      return chat && !chat.unresponsiveDueAt && (await jobsFor(chatId)) === 0 ? chat : null;
    },
    { what: 'the unresponsive job' },
  );

test('reassign: the silent agent loses the chat to the next agent, never to themselves', async () => {
  const org = await seedOrg(server, { agents: 2, team: unresponsive('reassign') });
  const chat = await openTestChat(server.ctx, org);
  expect(chat.assigneeId!.toString()).toBe(idOf(org, 0));
  expect(chat.unresponsiveDueAt).toBeTruthy();

  const moved = await waitFor(
    async () => {
      const c = await chatById(server.ctx, org, chat._id);
      return c?.assigneeId?.toString() === idOf(org, 1) ? c : null;
    },
    { what: 'the reassignment' },
  );
  expect(moved.autoAssigned).toBe(true);
  expect(moved.unresponsiveAgentIds.map(String)).toEqual([idOf(org, 0)]);

  // B stays silent too; A let this chat down already, so it stays with B.
  const after = await timerFired(org, chat._id);
  expect(after.assigneeId!.toString()).toBe(idOf(org, 1));
  expect(await history(org, chat._id)).toEqual([
    { kind: 'created', actor: 'contact', from: null, to: null },
    { kind: 'auto_assigned', actor: 'system', from: null, to: idOf(org, 0) },
    { kind: 'unresponsive_reassigned', actor: 'system', from: idOf(org, 0), to: idOf(org, 1) },
  ]);
});

test("the agent's first message cancels the timer", async () => {
  const org = await seedOrg(server, { agents: 2, team: { ...unresponsive('reassign'), unresponsiveTimeoutSeconds: 30 } });
  const chat = await openTestChat(server.ctx, org);
  expect(await jobsFor(chat._id)).toBe(1);
  await storeMessage(server.ctx, { chat, author: { kind: 'agent', id: org.agents[0]!.id, name: org.agents[0]!.name }, text: 'Hi, how can I help?' });
  expect(await jobsFor(chat._id)).toBe(0);
  expect((await chatById(server.ctx, org, chat._id))!.unresponsiveDueAt).toBeNull();
});

test('a person taking the chat over drops the timer', async () => {
  const org = await seedOrg(server, { agents: 2, team: { ...unresponsive('reassign'), unresponsiveTimeoutSeconds: 30 } });
  const chat = await openTestChat(server.ctx, org);
  expect(await jobsFor(chat._id)).toBe(1);
  const res = await org.owner.post(`/api/chats/${chat._id.toString()}/assign`, { agentId: idOf(org, 1) });
  expect(res.status).toBe(200);
  expect(await jobsFor(chat._id)).toBe(0);
  expect((await chatById(server.ctx, org, chat._id))!.unresponsiveDueAt).toBeNull();
});

test('a reply racing the timer: whichever clears the due time first wins, the other does nothing', async () => {
  const org = await seedOrg(server, { agents: 2, team: { ...unresponsive('reassign'), unresponsiveTimeoutSeconds: 30 } });
  const chat = await openTestChat(server.ctx, org);
  await agentResponded(server.ctx, chat);
  // The job body runs anyway (it was already locked by a worker, say): it finds nothing to do.
  await unresponsiveDue(new RoutingEngine(server.ctx), {
    orgId: chat.orgId.toString(),
    chatId: chat._id.toString(),
    agentId: chat.assigneeId!.toString(),
    assignedAt: chat.assignedAt!.toISOString(),
  });
  expect((await chatById(server.ctx, org, chat._id))!.assigneeId!.toString()).toBe(idOf(org, 0));
});

async function offeredChat(org: SeededOrg) {
  const visitor = await newVisitor(server, org.widgetKey);
  const started = await visitor.startChat();
  const chat = await waitFor(
    async () => {
      const c = await chatById(server.ctx, org, started.id);
      return c?.awaitingChoice ? c : null;
    },
    { what: 'the offer' },
  );
  return { visitor, chat };
}

test('offer choice: the visitor is asked, with buttons, and "another agent" reassigns', async () => {
  const org = await seedOrg(server, { agents: 2, team: unresponsive('offer_choice') });
  const { visitor, chat } = await offeredChat(org);
  expect(chat.assigneeId!.toString()).toBe(idOf(org, 0));
  const messages = await visitor.client.get(`/api/widget/chats/${chat._id.toString()}/messages`);
  const offer = messages.body.items.at(-1);
  expect(offer.author.kind).toBe('system');
  expect(offer.text).toBe('Sorry, Agent A is busy. Another agent, or keep waiting?');
  expect(offer.actions).toEqual([
    { id: 'another_agent', label: 'Talk to another agent' },
    { id: 'keep_waiting', label: 'Keep waiting' },
  ]);

  const answered = await visitor.client.post(`/api/widget/chats/${chat._id.toString()}/choice`, { choice: 'another_agent' });
  expect(answered.status).toBe(200);
  expect(answered.body.assigneeId).toBe(idOf(org, 1));
  expect(answered.body.awaitingChoice).toBe(false);
  expect((await history(org, chat._id)).at(-1)).toEqual({ kind: 'unresponsive_reassigned', actor: 'contact', from: idOf(org, 0), to: idOf(org, 1) });
  // A second answer finds no open choice.
  expect((await visitor.client.post(`/api/widget/chats/${chat._id.toString()}/choice`, { choice: 'another_agent' })).status).toBe(409);
});

test('offer choice: "keep waiting" over the socket keeps the agent', async () => {
  const org = await seedOrg(server, { agents: 2, team: unresponsive('offer_choice') });
  const { visitor, chat } = await offeredChat(org);
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
  try {
    socket.send({ type: 'auth', token: visitor.token });
    await socket.next('ready');
    socket.send({ type: 'chat.subscribe', chatId: chat._id.toString(), afterSeq: 0 });
    await socket.next('chat.replayed');
    socket.send({ type: 'choice', chatId: chat._id.toString(), choice: 'keep_waiting' });
    const updated = await socket.next('chat.updated', (f) => f.chat.id === chat._id.toString() && !f.chat.awaitingChoice);
    expect(updated.chat.assigneeId).toBe(idOf(org, 0));
  } finally {
    socket.close();
  }
});

test('offer choice: "another agent" with nobody else available puts the chat back in the queue', async () => {
  const org = await seedOrg(server, { agents: 1, team: unresponsive('offer_choice') });
  const { visitor, chat } = await offeredChat(org);
  const answered = await visitor.client.post(`/api/widget/chats/${chat._id.toString()}/choice`, { choice: 'another_agent' });
  expect(answered.status).toBe(200);
  expect(answered.body).toMatchObject({ status: 'unassigned', assigneeId: null, awaitingChoice: false });
  expect((await history(org, chat._id)).at(-1)).toEqual({ kind: 'unresponsive_reassigned', actor: 'contact', from: idOf(org, 0), to: null });
  // Later drains do not hand it back to the agent the visitor asked to leave.
  await new RoutingEngine(server.ctx).drainTeam(org.orgId.toString(), org.teamId.toString());
  const still: ChatDoc | null = await chatById(server.ctx, org, chat._id);
  expect(still!.status).toBe('unassigned');
});

test('offer choice: the default offer is written in the visitor’s language', async () => {
  const org = await seedOrg(server, { agents: 2, team: { ...unresponsive('offer_choice'), unresponsiveMessage: '' } });
  const visitor = await newVisitor(server, org.widgetKey);
  // The widget sent `fr` with its session: the contact reads French (services/widget-texts.ts).
  await org.db.contacts.updateOne({ _id: new ObjectId(visitor.contactId) }, { $set: { locale: 'fr' } });
  const started = await visitor.startChat();
  const chat = await waitFor(async () => ((await chatById(server.ctx, org, started.id))?.awaitingChoice ? true : null), { what: 'the offer' });
  expect(chat).toBe(true);
  const offer = (await visitor.client.get(`/api/widget/chats/${started.id}/messages`)).body.items.at(-1);
  expect(offer.text).toBe('Désolés pour l’attente — Agent A semble occupé·e. Voulez-vous parler à un autre agent, ou continuer d’attendre ?');
});
