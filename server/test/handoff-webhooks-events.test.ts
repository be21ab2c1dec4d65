// Issue 16 (items 3–5): more webhook events (chat.created, chat.transferred, contact.updated),
// per-event subscription, the first attempt sent without waiting for the job poll (retries still
// on jobs, a sweep for deliveries left pending), and the webhook managed by API key.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { Value } from '@sinclair/typebox/value';
import { connectWebhook, createKey, provisionAgent } from '../../e2e/simulator/fixtures';
import { BotSimulator, type ReceivedWebhook } from '../../e2e/simulator/simulator';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { webhookPayloadSchemas } from '../../shared/contract/integrations';
import { WEBHOOK_SUBSCRIBABLE_EVENTS } from '../../shared/types/integrations';
import { addMember, oid, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';
import { waitFor } from '../testing/wait';
import { sign } from '../services/signature';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('handoff_webhooks_events', { env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
});
afterAll(() => server.close());

/** An organization wired to a fresh simulator, with an agent holding an open api chat. */
async function scenario(target: TestServer, handoffId: string) {
  const sim = BotSimulator.start();
  const owner = await signUp(target);
  const { key } = await createKey(owner.client);
  const api = sim.connect(target.url, key);
  await connectWebhook(owner.client, sim);
  const inbox = owner.user.teamIds[0] as string;
  const agent = await provisionAgent(api, 'Wes Agent', [inbox]);
  const opened = await api.handoff({ handoffId, agentId: agent.id, contact: { botUserId: `u-${handoffId}`, channel: 'sms' } });
  expect(opened.status).toBe(201);
  return { sim, owner, api, key, agent, inbox, chatId: opened.body.chat.id as string, contactId: opened.body.chat.contactId as string };
}

/** The machine is shared by many test runs: wait generously (it returns as soon as the event is there). */
const next = (sim: BotSimulator, type: string, match: (e: ReceivedWebhook) => boolean = () => true) => sim.next(type, match, 15_000);

/** Each body matches the schema the OpenAPI document publishes for its type. */
function expectValid(events: ReceivedWebhook[]) {
  for (const e of events) {
    const schema = webhookPayloadSchemas[e.type as keyof typeof webhookPayloadSchemas];
    expect(schema, e.type).toBeDefined();
    expect([...Value.Errors(schema, e.payload)].map((err) => `${err.path}: ${err.message}`), e.type).toEqual([]);
  }
}

describe('events', () => {
  test('chat.created comes first; transfers between agents, back to the queue and to another team say from and to', async () => {
    const { sim, owner, api, agent, inbox, chatId } = await scenario(server, 'transfer-1');
    await next(sim, 'chat.assigned', (e) => e.payload.data.chat.id === chatId);
    const other = await provisionAgent(api, 'Ola Other', [inbox]);
    const team = (await owner.client.post('/api/teams', { name: 'Billing' })).body;

    expect((await owner.client.post(`/api/chats/${chatId}/assign`, { agentId: other.id })).status).toBe(200);
    const toOther = await next(sim, 'chat.transferred', (e) => e.payload.data.chat.id === chatId);
    expect(toOther.payload.data).toMatchObject({ from: { teamId: inbox, agentId: agent.id }, to: { teamId: inbox, agentId: other.id, agentName: 'Ola Other' }, byUserId: owner.user.id });

    expect((await owner.client.post(`/api/chats/${chatId}/assign`, { teamId: team.id })).status).toBe(200);
    const toTeam = await next(sim, 'chat.transferred', (e) => e.payload.data.to.teamId === team.id);
    expect(toTeam.payload.data).toMatchObject({ from: { teamId: inbox, agentId: other.id }, to: { teamId: team.id, agentId: null } });

    const types = sim.received.filter((e) => e.payload.data.chat?.id === chatId).map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['chat.created', 'chat.assigned']);
    // The reassignment is an assignment and a transfer; the transfer goes first.
    expect(types.slice(2, 4)).toEqual(['chat.transferred', 'chat.assigned']);
    expectValid(sim.received);
    await sim.stop();
  });

  test('back to the queue: an agent-to-queue transfer (same team, no agent)', async () => {
    const { sim, owner, agent, inbox, chatId } = await scenario(server, 'requeue-1');
    await next(sim, 'chat.assigned', (e) => e.payload.data.chat.id === chatId);
    // The owner is in the inbox too and online; routing may hand the chat on again after this.
    expect((await owner.client.post(`/api/chats/${chatId}/assign`, { teamId: inbox })).status).toBe(200);
    const requeued = await next(sim, 'chat.transferred', (e) => e.payload.data.chat.id === chatId);
    expect(requeued.payload.data.from).toEqual({ teamId: inbox, agentId: agent.id });
    expect(requeued.payload.data.to).toMatchObject({ teamId: inbox });
    expect(requeued.payload.data.to.agentId).not.toBe(agent.id);
    expectValid(sim.received);
    await sim.stop();
  });

  test('contact.updated: an agent’s edits of fields, tags, custom fields and status, in order, with what changed', async () => {
    const { sim, agent, contactId } = await scenario(server, 'contact-1');
    await next(sim, 'chat.assigned');
    expect((await agent.client.patch(`/api/contacts/${contactId}`, { name: 'Rita Renamed' })).status).toBe(200);
    expect((await agent.client.post(`/api/contacts/${contactId}/tags`, { tag: 'vip' })).status).toBe(200);
    expect((await agent.client.put(`/api/contacts/${contactId}/fields/plan`, { type: 'string', value: 'gold' })).status).toBe(200);
    expect((await agent.client.patch(`/api/contacts/${contactId}`, { status: 'customer' })).status).toBe(200);
    await waitFor(() => sim.received.filter((e) => e.type === 'contact.updated').length === 4, { what: 'four contact updates' });
    const updates = sim.received.filter((e) => e.type === 'contact.updated').map((e) => e.payload.data);
    expect(updates.map((d) => d.changed)).toEqual([['fields'], ['tags'], ['customFields'], ['status']]);
    expect(updates[3]).toMatchObject({ contact: { id: contactId, name: 'Rita Renamed', tags: ['vip'], status: 'customer', externalIds: { botUserId: 'u-contact-1', channel: 'sms' } } });
    expect(updates[3].contact.customFields).toEqual([{ key: 'plan', type: 'string', value: 'gold' }]);
    expectValid(sim.received);
    await sim.stop();
  });

  test('contacts the bot platform does not know (widget visitors) produce no contact.updated', async () => {
    const { sim, owner } = await scenario(server, 'contact-2');
    await next(sim, 'chat.assigned');
    const created = await owner.client.post('/api/contacts', { name: 'Walk In' });
    expect(created.status).toBe(201);
    await owner.client.post(`/api/contacts/${created.body.id}/tags`, { tag: 'web' });
    // The test event goes out after anything queued before it, for this organization’s receiver.
    await owner.client.post('/api/integrations/webhook/test');
    await next(sim, 'webhook.test');
    await waitFor(async () => (await orgRepos(server, owner.org.id).webhookDeliveries.count({ status: 'pending' })) === 0, { what: 'nothing pending' });
    expect(sim.received.filter((e) => e.type === 'contact.updated')).toHaveLength(0);
    await sim.stop();
  });
});

test('per-event subscription: only the chosen events are stored and sent; the test event always is', async () => {
  const sim = BotSimulator.start();
  const owner = await signUp(server);
  const { key } = await createKey(owner.client);
  const api = sim.connect(server.url, key);
  await connectWebhook(owner.client, sim);
  const chosen = await owner.client.patch('/api/integrations/webhook', { events: ['chat.ended', 'chat.created', 'chat.ended'] });
  expect(chosen.status).toBe(200);
  // Canonical order, each once.
  expect(chosen.body).toMatchObject({ events: ['chat.created', 'chat.ended'], availableEvents: [...WEBHOOK_SUBSCRIBABLE_EVENTS] });
  expect((await owner.client.patch('/api/integrations/webhook', { events: ['chat.opened'] })).body.error.field).toStartWith('body.events');

  const opened = await api.handoff({ handoffId: 'sub-1', agentId: owner.user.id, contact: { botUserId: 'u-sub', channel: 'sms' } });
  const chatId = opened.body.chat.id as string;
  await owner.client.post(`/api/chats/${chatId}/messages`, { clientId: 's-1', text: 'not sent' });
  await owner.client.post(`/api/chats/${chatId}/end`);
  await next(sim, 'chat.ended');
  await owner.client.post('/api/integrations/webhook/test');
  await next(sim, 'webhook.test');
  expect(sim.received.map((e) => e.type)).toEqual(['chat.created', 'chat.ended', 'webhook.test']);
  expectValid(sim.received);
  expect(await orgRepos(server, owner.org.id).webhookDeliveries.count({ type: { $in: ['message.created', 'chat.assigned'] } })).toBe(0);
  // [] is "none but tests"; the full list again is everything.
  expect((await owner.client.patch('/api/integrations/webhook', { events: [] })).body.events).toEqual([]);
  await sim.stop();
});

describe('first attempt without the job poll', () => {
  let slow: TestServer;
  beforeAll(async () => {
    // Agenda looks for due jobs once an hour here: anything that waits for a job never arrives.
    slow = await startTestServer('handoff_webhooks_slow_poll', { env: { WEBHOOK_ALLOW_PRIVATE: 'true', JOB_POLL_MS: '3600000' } });
  });
  afterAll(() => slow.close());

  test('an agent’s reply reaches the receiver; a failed first attempt becomes a retry job (durable), not an in-process loop', async () => {
    const { sim, owner, agent, chatId } = await scenario(slow, 'fast-1');
    await next(sim, 'chat.assigned', (e) => e.payload.data.chat.id === chatId);
    expect((await agent.client.post(`/api/chats/${chatId}/messages`, { clientId: 'f-1', text: 'right away' })).status).toBe(201);
    const got = await next(sim, 'message.created', (e) => e.payload.data.message.text === 'right away');
    expect(got.attempt).toBe(1);
    expectValid([got]);

    sim.failWith = 503;
    await agent.client.post(`/api/chats/${chatId}/messages`, { clientId: 'f-2', text: 'fails once' });
    const deliveries = orgRepos(slow, owner.org.id).webhookDeliveries;
    const failed = await waitFor(async () => deliveries.findOne({ type: 'message.created', attempts: 1, responseCode: 503 }), { what: 'a failed first attempt' });
    expect(failed).toMatchObject({ status: 'pending', lockedUntil: null });
    const { jobs } = await slow.ctx.jobs.agenda.queryJobs({ name: 'webhook.deliver', data: { deliveryId: failed._id.toString() } });
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0]!.nextRunAt!).getTime()).toBe(failed.nextAttemptAt!.getTime());
    await sim.stop();
  });
});

test('the sweep sends a delivery left pending (a crash between storing the event and its attempt)', async () => {
  const sim = BotSimulator.start();
  const owner = await signUp(server);
  await connectWebhook(owner.client, sim);
  const stale = new Date(Date.now() - 60_000);
  const body = JSON.stringify({ id: 'evt_orphan', type: 'webhook.test', createdAt: stale.toISOString(), organizationId: owner.org.id, data: { message: 'stored, never attempted' } });
  // No job, no queue entry: only the record, as a crash right after the insert leaves it.
  await orgRepos(server, owner.org.id).webhookDeliveries.insert({ eventId: 'evt_orphan', type: 'webhook.test', chatId: null, position: 0, body, status: 'pending', nextAttemptAt: stale, createdAt: stale });
  // The sweep job exists once this process stored its first delivery.
  await owner.client.post('/api/integrations/webhook/test');
  const got = await next(sim, 'webhook.test', (e) => e.eventId === 'evt_orphan');
  expect(got.payload.data.message).toBe('stored, never attempted');
  await sim.stop();
});

describe('managed by API key (/api/v1/webhook)', () => {
  test('config, URL and events, rotation, test, delivery log and redelivery', async () => {
    const { sim, key } = await scenario(server, 'v1-manage-1');
    await next(sim, 'chat.assigned');
    const api = new PhoenixApiClient(server.url, key);

    const config = await api.request('GET', '/api/v1/webhook');
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({ url: sim.webhookUrl, hasSecret: true, events: [...WEBHOOK_SUBSCRIBABLE_EVENTS], previousSecretValidUntil: null });
    expect(config.body.secret).toBeUndefined();

    const patched = await api.request('PATCH', '/api/v1/webhook', { events: ['chat.ended', 'message.created'] });
    expect(patched.body.events).toEqual(['message.created', 'chat.ended']);
    expect((await api.request('PATCH', '/api/v1/webhook', { url: 'ftp://x' })).body.error.field).toBe('body.url');
    expect((await api.request('PATCH', '/api/v1/webhook', { rotateSecret: true })).status).toBe(400);

    const rotated = await api.request('POST', '/api/v1/webhook/rotate-secret');
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toStartWith('whsec_');
    expect(rotated.body.previousSecretValidUntil).not.toBeNull();
    sim.secret = rotated.body.secret;

    const queued = await api.request('POST', '/api/v1/webhook/test');
    expect(queued.status).toBe(202);
    await next(sim, 'webhook.test', (e) => e.eventId === queued.body.eventId);

    const page1 = await api.request('GET', '/api/v1/webhook/deliveries?limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.next).toBeString();
    const page2 = await api.request('GET', `/api/v1/webhook/deliveries?limit=2&cursor=${page1.body.next}`);
    expect(page2.body.items.map((d: any) => d.id)).not.toContain(page1.body.items[0].id);
    expect((await api.request('GET', '/api/v1/webhook/deliveries?limit=0')).body.error.field).toBe('query.limit');

    const again = await api.request('POST', `/api/v1/webhook/deliveries/${queued.body.id}/redeliver`);
    expect(again.status).toBe(202);
    await waitFor(() => sim.received.filter((e) => e.eventId === queued.body.eventId).length === 2, { what: 'the redelivery' });
    const log = await waitFor(async () => {
      const d = (await api.request('GET', '/api/v1/webhook/deliveries')).body.items.find((x: any) => x.id === queued.body.id);
      return d?.status === 'delivered' ? d : null;
    }, { what: 'the redelivery logged' });
    expect(log.attempts).toBe(1);
    expect((await api.request('POST', '/api/v1/webhook/deliveries/0123456789abcdef01234567/redeliver')).status).toBe(404);
    await sim.stop();
  });

  test('a key without the webhooks scope, or whose creator is no longer an admin, is refused', async () => {
    const owner = await signUp(server);
    const chatsOnly = await createKey(owner.client, { scopes: ['chats'] });
    const refused = await new PhoenixApiClient(server.url, chatsOnly.key).request('GET', '/api/v1/webhook');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SCOPE_MISSING');

    const admin = await addMember(server, owner.client, { role: 'admin' });
    const adminKey = await createKey(admin.client);
    const adminApi = new PhoenixApiClient(server.url, adminKey.key);
    expect((await adminApi.request('GET', '/api/v1/webhook')).status).toBe(200);
    expect((await owner.client.patch(`/api/members/${admin.user.id}`, { role: 'agent' })).status).toBe(200);
    const demoted = await adminApi.request('PATCH', '/api/v1/webhook', { url: 'https://bots.example.com/hook' });
    expect(demoted.status).toBe(403);
    expect((await orgRepos(server, owner.org.id).organization.findOne())!.handoff?.webhookUrl ?? null).toBeNull();
  });
});

test('the console redelivers a failed delivery', async () => {
  const { sim, owner, agent, chatId } = await scenario(server, 'redeliver-1');
  await next(sim, 'chat.assigned');
  const deliveries = orgRepos(server, owner.org.id).webhookDeliveries;
  await waitFor(async () => (await deliveries.count({ status: 'pending' })) === 0, { what: 'the first events' });
  await agent.client.post(`/api/chats/${chatId}/messages`, { clientId: 'r-1', text: 'resend me' });
  const first = await next(sim, 'message.created', (e) => e.payload.data.message.text === 'resend me');
  const stored = await waitFor(async () => deliveries.findOne({ eventId: first.eventId, status: 'delivered' }), { what: 'delivered' });
  await deliveries.updateOne({ _id: oid(stored._id) }, { $set: { status: 'failed', attempts: 8, lastError: 'HTTP 500' } });
  const res = await owner.client.post(`/api/integrations/webhook/deliveries/${stored._id.toString()}/redeliver`);
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
  await waitFor(() => sim.received.filter((e) => e.eventId === first.eventId).length === 2, { what: 'sent again' });
  expect((await agent.client.post(`/api/integrations/webhook/deliveries/${stored._id.toString()}/redeliver`)).status).toBe(403);
  await sim.stop();
});

test('after a rotation both signatures are sent until the overlap ends, then only the new one', async () => {
  const heard: Record<string, string>[] = [];
  const receiver = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: (req) => {
      heard.push(Object.fromEntries(req.headers));
      return new Response(null, { status: 204 });
    },
  });
  try {
    const owner = await signUp(server);
    const first = await owner.client.patch('/api/integrations/webhook', { url: `http://127.0.0.1:${receiver.port}/hook` });
    const rotated = await owner.client.patch('/api/integrations/webhook', { rotateSecret: true });
    const sendTest = async () => {
      const before = heard.length;
      expect((await owner.client.post('/api/integrations/webhook/test')).status).toBe(202);
      await waitFor(() => heard.length > before, { what: 'a test delivery' });
      return heard[heard.length - 1]!;
    };
    const during = await sendTest();
    const rawBody = (await orgRepos(server, owner.org.id).webhookDeliveries.findOne({ eventId: during['x-phoenix-event-id'] }))!.body;
    const verifies = (secret: string, signature: string | undefined) => signature === sign(secret, during['x-phoenix-timestamp']!, rawBody);
    expect(verifies(rotated.body.secret, during['x-phoenix-signature'])).toBe(true);
    expect(verifies(first.body.secret, during['x-phoenix-signature-previous'])).toBe(true);

    // The overlap is over (as if 24 h had passed): the old secret signs nothing any more.
    await orgRepos(server, owner.org.id).organization.updateOne({}, { $set: { 'handoff.webhookPreviousSecretUntil': new Date(Date.now() - 1000) } });
    const after = await sendTest();
    expect(after['x-phoenix-signature-previous']).toBeUndefined();
    expect((await owner.client.get('/api/integrations/webhook')).body.previousSecretValidUntil).toBeNull();
  } finally {
    await receiver.stop(true);
  }
});
