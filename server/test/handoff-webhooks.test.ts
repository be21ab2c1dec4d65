// Issue #8, outbound webhooks: signed, logged, retried while the bot platform is down and then
// delivered exactly once each, in order; private targets refused; one delivery per event even
// with several server instances.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { connectWebhook, createKey, provisionAgent } from '../../e2e/simulator/fixtures';
import { BotSimulator } from '../../e2e/simulator/simulator';
import { createLocalBus } from '../bus/bus';
import { testDatabase } from '../testing/database';
import { newVisitor, oid, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';
import { waitFor } from '../testing/wait';
import { checkSignature } from '../services/signature';
import { WEBHOOK_SECRET_OVERLAP_HOURS, WEBHOOK_SUBSCRIBABLE_EVENTS } from '../../shared/types/integrations';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('handoff_webhooks', { env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
});
afterAll(() => server.close());

/** An organization wired to a fresh simulator, with an agent holding an open api chat. */
async function scenario(target: { url: string }, handoffId: string) {
  const sim = BotSimulator.start();
  const owner = await signUp(target);
  const { key } = await createKey(owner.client);
  const api = sim.connect(target.url, key);
  await connectWebhook(owner.client, sim);
  const inbox = owner.user.teamIds[0] as string;
  const agent = await provisionAgent(api, 'Wes Agent', [inbox]);
  const opened = await api.handoff({ handoffId, agentId: agent.id, contact: { botUserId: `u-${handoffId}`, channel: 'sms' } });
  expect(opened.status).toBe(201);
  return { sim, owner, api, agent, chatId: opened.body.chat.id as string };
}

describe('delivery', () => {
  test('while the target is down deliveries are retried and logged; once back each arrives exactly once, in order', async () => {
    const { sim, owner, agent, chatId } = await scenario(server, 'down-1');
    await sim.next('chat.assigned');
    sim.failWith = 503;
    for (const [i, text] of ['one', 'two', 'three'].entries()) {
      expect((await agent.client.post(`/api/chats/${chatId}/messages`, { clientId: `w-${i}`, text })).status).toBe(201);
    }
    expect((await agent.client.post(`/api/chats/${chatId}/end`)).status).toBe(200);

    // The log shows the failures as they happen: attempts, response code, last error.
    const failing = await waitFor(
      async () => {
        const log = await owner.client.get(`/api/integrations/webhook/deliveries?chatId=${chatId}&status=pending`);
        return log.body.items.find((d: any) => d.attempts >= 2 && d.responseCode === 503);
      },
      { what: 'a retried delivery' },
    );
    expect(failing).toMatchObject({ status: 'pending', lastError: 'HTTP 503: temporarily down' });
    expect(failing.nextAttemptAt).not.toBeNull();

    sim.failWith = null;
    await sim.next('chat.ended', () => true, 10_000);
    const forChat = sim.received.filter((e) => e.payload.data.chat.id === chatId);
    expect(forChat.map((e) => e.type)).toEqual(['chat.created', 'chat.assigned', 'message.created', 'message.created', 'message.created', 'chat.ended']);
    expect(forChat.filter((e) => e.type === 'message.created').map((e) => e.payload.data.message.text)).toEqual(['one', 'two', 'three']);
    expect([...sim.countsByEventId().values()].every((n) => n === 1)).toBe(true);
    expect(sim.failedAnswers).toBeGreaterThan(0);

    // The bot platform answers before the server records the answer: wait until no delivery of
    // the chat is pending any more, then the log must show each one delivered.
    const deliveries = orgRepos(server, owner.org.id).webhookDeliveries;
    await waitFor(async () => (await deliveries.count({ chatId: oid(chatId), status: 'pending' })) === 0, { what: 'jobs to finish' });
    const log = await owner.client.get(`/api/integrations/webhook/deliveries?chatId=${chatId}`);
    expect(log.body.items).toHaveLength(6);
    for (const d of log.body.items) expect(d).toMatchObject({ status: 'delivered', responseCode: 204, lastError: null, nextAttemptAt: null });
    expect(log.body.items.some((d: any) => d.attempts >= 2)).toBe(true);
    expect(log.body.items.map((d: any) => d.eventId).sort()).toEqual(forChat.map((e) => e.eventId).sort());

    // Nothing more goes out later: a stuck retry would show up as a second receipt.
    expect(sim.received.filter((e) => e.payload.data.chat.id === chatId)).toHaveLength(6);
    await sim.stop();
  });

  test('every request is signed with the current secret; after a rotation the old one signs a second header for the overlap', async () => {
    const { sim, owner, agent, chatId } = await scenario(server, 'rotate-1');
    await sim.next('chat.assigned');
    const oldSecret = sim.secret;
    const rotated = await owner.client.patch('/api/integrations/webhook', { rotateSecret: true });
    expect(rotated.body.secret).toStartWith('whsec_');
    expect(rotated.body.secret).not.toBe(oldSecret);
    const config = (await owner.client.get('/api/integrations/webhook')).body;
    expect(config).toMatchObject({ url: sim.webhookUrl, hasSecret: true, events: [...WEBHOOK_SUBSCRIBABLE_EVENTS] });
    // The old secret stays valid for the stated overlap.
    expect(Date.parse(config.previousSecretValidUntil) - Date.now()).toBeGreaterThan(WEBHOOK_SECRET_OVERLAP_HOURS * 3_600_000 - 60_000);

    await agent.client.post(`/api/chats/${chatId}/messages`, { clientId: 'r-1', text: 'after rotation' });
    await waitFor(() => sim.rejected.length > 0, { what: 'a refused delivery' });
    // The simulator checks only X-Phoenix-Signature with the old secret: refused; the second header verifies with it.
    const refused = sim.rejected[0]!;
    expect(refused.reason).toBe('bad_signature');
    const rawBody = (await orgRepos(server, owner.org.id).webhookDeliveries.findOne({ eventId: refused.headers['x-phoenix-event-id'] }))!.body;
    const check = (secret: string, header: string) => checkSignature(secret, { timestamp: refused.headers['x-phoenix-timestamp']!, signature: refused.headers[header]!, rawBody, nowMs: Date.now() });
    expect(check(oldSecret!, 'x-phoenix-signature-previous')).toBeNull();
    expect(check(rotated.body.secret, 'x-phoenix-signature')).toBeNull();
    sim.secret = rotated.body.secret;
    const delivered = await sim.next('message.created', (e) => e.payload.data.message.text === 'after rotation', 10_000);
    expect(delivered.attempt).toBeGreaterThanOrEqual(2);
    await sim.stop();
  });

  test('a test event goes through the same queue', async () => {
    const sim = BotSimulator.start();
    const owner = await signUp(server);
    await connectWebhook(owner.client, sim);
    const queued = await owner.client.post('/api/integrations/webhook/test');
    expect(queued.status).toBe(202);
    const got = await sim.next('webhook.test');
    expect(got.eventId).toBe(queued.body.eventId);
    await sim.stop();
  });

  test('only what the contact must see, of api chats, is sent: not the bot’s or contact’s lines, not widget chats', async () => {
    const { sim, owner, api, agent, chatId } = await scenario(server, 'filter-1');
    await sim.next('chat.assigned');
    await api.relay(chatId, 'from the contact', 'c-1');
    const visitor = await newVisitor(server, owner.org.widgetKey);
    const webChat = await visitor.startChat();
    await owner.client.post(`/api/chats/${webChat.id}/claim`);
    await owner.client.post(`/api/chats/${webChat.id}/messages`, { clientId: 'web-1', text: 'to the widget' });
    await agent.client.post(`/api/chats/${chatId}/messages`, { clientId: 'a-1', text: 'to the bot channel' });
    await sim.next('message.created', (e) => e.payload.data.message.text === 'to the bot channel');
    const log = await owner.client.get('/api/integrations/webhook/deliveries');
    expect(log.body.items.map((d: any) => d.type).sort()).toEqual(['chat.assigned', 'chat.created', 'message.created']);
    expect(log.body.items.every((d: any) => d.chatId === chatId)).toBe(true);
    await sim.stop();
  });
});

test('an earlier event whose job was lost (crash before scheduling) is revived by the next event of its chat', async () => {
  const { sim, owner, agent, chatId } = await scenario(server, 'lost-job-1');
  await sim.next('chat.assigned', (e) => e.payload.data.chat.id === chatId);
  const stale = new Date(Date.now() - 5 * 60_000);
  const body = JSON.stringify({ id: 'evt_lost', type: 'message.created', createdAt: stale.toISOString(), organizationId: owner.org.id, data: { chat: { id: chatId }, message: { text: 'stored, never scheduled' } } });
  await orgRepos(server, owner.org.id).webhookDeliveries.insert({ eventId: 'evt_lost', type: 'message.created', chatId: oid(chatId), position: 0.6, body, status: 'pending', nextAttemptAt: stale, createdAt: stale });
  await agent.client.post(`/api/chats/${chatId}/messages`, { clientId: 'l-1', text: 'next one' });
  await sim.next('message.created', (e) => e.payload.data.message.text === 'next one');
  const texts = sim.received.filter((e) => e.type === 'message.created').map((e) => e.payload.data.message.text);
  expect(texts).toEqual(['stored, never scheduled', 'next one']);
  await sim.stop();
});

test('after its last attempt a delivery is marked failed, and later events of the chat are not held back by it', async () => {
  // The retry schedule is configuration read at boot: two attempts for this server.
  const short = await startTestServer('handoff_webhooks_short', { env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_ATTEMPTS: '2' } });
  try {
    const { sim, owner, agent, chatId } = await scenario(short, 'give-up-1');
    await sim.next('chat.assigned');
    sim.failWith = 500;
    await agent.client.post(`/api/chats/${chatId}/messages`, { clientId: 'g-1', text: 'lost' });
    const failed = await waitFor(
      async () => {
        const log = await owner.client.get('/api/integrations/webhook/deliveries?status=failed');
        return log.body.items.find((d: any) => d.payload.data.message?.text === 'lost');
      },
      { what: 'a failed delivery' },
    );
    expect(failed).toMatchObject({ attempts: 2, responseCode: 500, nextAttemptAt: null, lastError: 'HTTP 500: temporarily down' });
    sim.failWith = null;
    await agent.client.post(`/api/chats/${chatId}/messages`, { clientId: 'g-2', text: 'after' });
    await sim.next('message.created', (e) => e.payload.data.message.text === 'after');
    expect(sim.received.some((e) => e.payload.data.message?.text === 'lost')).toBe(false);
    await sim.stop();
  } finally {
    await short.close();
  }
});

describe('private targets', () => {
  let strict: TestServer;
  beforeAll(async () => {
    strict = await startTestServer('handoff_webhooks_strict');
  });
  afterAll(() => strict.close());

  test('loopback, private and link-local URLs are refused when saved', async () => {
    const owner = await signUp(strict);
    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://10.1.2.3/', 'http://[::1]/', 'http://169.254.169.254/latest', 'http://0x7f000001/', 'ftp://example.com/']) {
      const res = await owner.client.patch('/api/integrations/webhook', { url });
      expect(res.status, url).toBe(400);
      expect(res.body.error.field).toBe('body.url');
    }
    expect((await owner.client.get('/api/integrations/webhook')).body.url).toBeNull();
  });

  test('and again at delivery time: a URL that now points inside is not called', async () => {
    const sim = BotSimulator.start();
    const owner = await signUp(strict);
    const { key } = await createKey(owner.client);
    // As if the name had resolved publicly when saved and to loopback now.
    await orgRepos(strict, owner.org.id).organization.updateOne({}, { $set: { 'handoff.webhookUrl': sim.webhookUrl, 'handoff.webhookSecret': 'whsec_x' } });
    const api = new PhoenixApiClient(strict.url, key);
    const opened = await api.handoff({ handoffId: 'h', agentId: owner.user.id, contact: { botUserId: 'u', channel: 'sms' } });
    expect(opened.status).toBe(201);
    const refused = await waitFor(
      async () => {
        const log = await owner.client.get('/api/integrations/webhook/deliveries');
        return log.body.items.find((d: any) => d.attempts >= 1 && d.lastError?.startsWith('Refused'));
      },
      { what: 'a refused delivery' },
    );
    expect(refused.lastError).toMatch(/private or loopback/);
    expect(sim.received).toHaveLength(0);
    expect(sim.rejected).toHaveLength(0);
    await sim.stop();
  });
});

test('two server instances on one database and bus deliver each event once', async () => {
  const db = await testDatabase('handoff_two_instances');
  const bus = createLocalBus();
  const start = () => startTestServer('handoff_two_instances', { env: { WEBHOOK_ALLOW_PRIVATE: 'true' }, bus, database: db });
  const a = await start();
  const b = await start();
  try {
    const { sim, owner, agent, chatId } = await scenario(a, 'two-1');
    // The agent talks through the other instance; both instances hear every bus event.
    const viaB = agent.client.at(agent.client.baseUrl === a.url ? b.url : a.url);
    for (let i = 0; i < 5; i++) {
      expect((await viaB.post(`/api/chats/${chatId}/messages`, { clientId: `b-${i}`, text: `via b ${i}` })).status).toBe(201);
    }
    await viaB.post(`/api/chats/${chatId}/end`);
    await sim.next('chat.ended', () => true, 10_000);
    // The only organization on this database.
    const deliveries = orgRepos(a, owner.org.id).webhookDeliveries;
    await waitFor(async () => (await deliveries.count({ status: { $ne: 'delivered' } })) === 0, { what: 'all deliveries done' });
    expect(await deliveries.count()).toBe(8);
    expect(sim.received).toHaveLength(8);
    expect([...sim.countsByEventId().values()].every((n) => n === 1)).toBe(true);
    expect(sim.received.filter((e) => e.type === 'message.created').map((e) => e.payload.data.message.text)).toEqual(['via b 0', 'via b 1', 'via b 2', 'via b 3', 'via b 4']);
    await sim.stop();
  } finally {
    await b.stop();
    await a.stop();
    await db.stop();
  }
});
