// Issue #8, the main journey: the bot hands a conversation over, routing gives it to an agent,
// agent and contact talk through the API and webhooks, the agent ends it and the bot gets the
// hand-back.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { PhoenixApiClient } from '../../e2e/simulator/api-client';
import { connectWebhook, createKey, provisionAgent } from '../../e2e/simulator/fixtures';
import { BotSimulator } from '../../e2e/simulator/simulator';
import { oid, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
let sim: BotSimulator;
beforeAll(async () => {
  server = await startTestServer('handoff', { env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  sim = BotSimulator.start();
});
afterAll(async () => {
  await sim.stop();
  await server.close();
});

test('handoff → routed to an agent → reply by webhook → contact answers → end → hand-back', async () => {
  const owner = await signUp(server, { orgName: 'Acme Outdoor' });
  const { key } = await createKey(owner.client);
  const api = sim.connect(server.url, key, { sign: true });
  await connectWebhook(owner.client, sim);

  // Provisioned agents have no console open here: routing on the overview's rules alone.
  const team = await owner.client.post('/api/teams', { name: 'Support', assignmentStrategy: 'round_robin', onlineOnlyRouting: false });
  expect(team.status).toBe(201);
  const ann = await provisionAgent(api, 'Ann Agent', [team.body.id]);

  // Round robin routes the chat to Ann (the bot names no agent).
  const started = Date.now() - 60_000;
  const handoff = await api.handoff({
    handoffId: 'flow-run-1',
    teamId: team.body.id,
    botName: 'Outdoor Bot',
    contact: {
      botUserId: 'fb-123', channel: 'messenger', name: 'Casey Contact', email: 'casey@example.test',
      tags: ['vip'], customFields: [{ key: 'orderNumber', type: 'string', value: 'A-1001' }, { key: 'age', type: 'number', value: 41 }],
    },
    transcript: [
      { author: 'bot', text: 'Hi! What can I do for you?', createdAt: new Date(started).toISOString() },
      { author: 'contact', text: 'My tent pole broke', createdAt: new Date(started + 1000).toISOString() },
      { author: 'bot', text: 'Let me get a human.', createdAt: new Date(started + 2000).toISOString() },
    ],
  });
  expect(handoff.status).toBe(201);
  const chat = handoff.body.chat;
  expect(chat.channel).toBe('api');
  expect(chat.url).toBe(`http://phoenix.test/chats/${chat.id}`);
  expect(chat.handoffId).toBe('flow-run-1');
  expect(handoff.body.contact).toMatchObject({ name: 'Casey Contact', tags: ['vip'], externalIds: { botUserId: 'fb-123', channel: 'messenger' } });
  expect(handoff.body.contact.customFields).toEqual([{ key: 'orderNumber', type: 'string', value: 'A-1001' }, { key: 'age', type: 'number', value: 41 }]);

  // Routing (round robin) picked the only available agent; the bot hears about it.
  const assigned = await sim.next('chat.assigned', (e) => e.payload.data.chat.id === chat.id);
  expect(assigned.payload.data.agent).toEqual({ id: ann.id, name: 'Ann Agent' });
  expect(assigned.payload.data.contact).toMatchObject({ botUserId: 'fb-123', channel: 'messenger' });

  // The transcript is in, in order, with its own times, before anything routing posted.
  const history = await ann.client.get(`/api/chats/${chat.id}/messages`);
  const lines = history.body.items.map((m: any) => [m.seq, m.author.kind, m.text]);
  expect(lines.slice(0, 3)).toEqual([[1, 'bot', 'Hi! What can I do for you?'], [2, 'contact', 'My tent pole broke'], [3, 'bot', 'Let me get a human.']]);
  expect(history.body.items[1].createdAt).toBe(new Date(started + 1000).toISOString());
  expect(history.body.items[0].author.name).toBe('Outdoor Bot');

  // The agent replies in the console; the bot gets a signed webhook to deliver on Messenger.
  const reply = await ann.client.post(`/api/chats/${chat.id}/messages`, { clientId: 'ann-1', text: 'Sorry to hear that! Which tent?' });
  expect(reply.status).toBe(201);
  const relayed = await sim.next('message.created', (e) => e.payload.data.message.text === 'Sorry to hear that! Which tent?');
  expect(relayed.payload.data.message.author).toEqual({ kind: 'agent', id: ann.id, name: 'Ann Agent' });
  expect(relayed.payload.data.message.seq).toBe(reply.body.seq);

  // The contact answers on Messenger; the bot relays it (twice: a retry is not duplicated).
  const answer = await sim.contactSays(chat.id, 'The Summit 2 tent', 'fb-mid-77');
  expect(answer.status).toBe(201);
  expect((await sim.contactSays(chat.id, 'The Summit 2 tent', 'fb-mid-77')).status).toBe(200);
  // Ids of other authors' messages, or reserved for transcripts, are not resends.
  expect((await sim.contactSays(chat.id, 'clash', 'ann-1')).body.error).toMatchObject({ code: 'CONFLICT', field: 'body.clientId' });
  expect((await sim.contactSays(chat.id, 'clash', 'handoff:0')).body.error.field).toBe('body.clientId');
  const seen = await ann.client.get(`/api/chats/${chat.id}/messages?afterSeq=${reply.body.seq}`);
  expect(seen.body.items.filter((m: any) => m.text === 'The Summit 2 tent')).toHaveLength(1);
  expect(seen.body.items.at(-1).author).toMatchObject({ kind: 'contact', name: 'Casey Contact' });

  // The agent ends the chat: the bot takes the contact back, with where to read the transcript.
  expect((await ann.client.post(`/api/chats/${chat.id}/end`)).status).toBe(200);
  const ended = await sim.next('chat.ended', (e) => e.payload.data.chat.id === chat.id);
  expect(ended.payload.data.chat.status).toBe('ended');
  expect(ended.payload.data.transcript.url).toBe(`http://phoenix.test/api/v1/chats/${chat.id}/messages`);
  const transcript = await api.messages(chat.id);
  expect(transcript.status).toBe(200);
  expect(transcript.body.items.map((m: any) => m.text)).toContain('The Summit 2 tent');

  // Nothing was refused, and every event arrived exactly once.
  expect(sim.rejected).toEqual([]);
  expect([...sim.countsByEventId().values()].every((n) => n === 1)).toBe(true);
});

describe('handoff', () => {
  let owner: Awaited<ReturnType<typeof signUp>>;
  let api: PhoenixApiClient;
  let inbox: string;
  beforeAll(async () => {
    owner = await signUp(server, { orgName: 'Idem Co' });
    api = new PhoenixApiClient(server.url, (await createKey(owner.client)).key);
    inbox = owner.user.teamIds[0];
  });

  const body = (handoffId: string, extra: Record<string, unknown> = {}) => ({
    handoffId,
    contact: { botUserId: 'same-user', channel: 'web', name: 'Pat' },
    transcript: [{ author: 'bot', text: 'one' }, { author: 'contact', text: 'two' }],
    ...extra,
  });

  test('the same handoffId gives the same chat (200), even when ten requests race; nothing is duplicated', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => api.handoff(body('race-1'))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(results.map((r) => r.body.chat.id));
    expect(ids.size).toBe(1);
    const [chatId] = [...ids];
    const db = orgRepos(server, owner.org.id);
    expect(await db.chats.count({ handoffId: 'race-1' })).toBe(1);
    const messages = await db.messages.find({ chatId: oid(chatId) }, { sort: { seq: 1 } });
    expect(messages.map((m) => m.text)).toEqual(['one', 'two']);
    // The same bot user on the same channel is one contact.
    expect(await db.contacts.count({ 'externalIds.botUserId': 'same-user' })).toBe(1);
    const again = await api.handoff(body('race-1'));
    expect(again.status).toBe(200);
    expect(again.body.chat.id).toBe(chatId);
    // A new handoffId for the same contact is a new chat, same contact.
    const second = await api.handoff(body('race-2'));
    expect(second.status).toBe(201);
    expect(second.body.contact.id).toBe(again.body.contact.id);
    expect(second.body.contact.chatCount).toBe(2);
  });

  test('a named agent gets the chat directly, in any permission mode; a bad agent or team writes nothing', async () => {
    const team = await owner.client.post('/api/teams', { name: 'Sales', permissionMode: 'restrictive' });
    const rita = await provisionAgent(api, 'Rita', [team.body.id]);
    const opened = await api.handoff(body('agent-1', { teamId: team.body.id, agentId: rita.id }));
    expect(opened.status).toBe(201);
    expect(opened.body.chat).toMatchObject({ status: 'assigned', assigneeId: rita.id, assigneeName: 'Rita', teamId: team.body.id });
    const events = await rita.client.get(`/api/chats/${opened.body.chat.id}/events`);
    expect(events.body.items.map((e: any) => [e.kind, e.actor.kind])).toEqual([['created', 'automation'], ['assigned', 'automation']]);

    // The key writes only in its own organization: nothing new there means nothing written.
    const db = orgRepos(server, owner.org.id);
    const before = await db.chats.count();
    const notInTeam = await api.handoff(body('agent-2', { teamId: inbox, agentId: rita.id, contact: { botUserId: 'fresh', channel: 'sms' } }));
    expect(notInTeam.body.error).toMatchObject({ code: 'VALIDATION', field: 'body.agentId' });
    expect((await api.handoff(body('agent-3', { agentId: '0123456789abcdef01234567' }))).body.error.field).toBe('body.agentId');
    expect((await api.handoff(body('agent-4', { teamId: 'nope' }))).body.error.field).toBe('body.teamId');
    const badField = await api.handoff(body('agent-5', { contact: { botUserId: 'fresh', channel: 'sms', customFields: [{ key: 'n', type: 'number', value: 'x' }] } }));
    expect(badField.body.error.field).toBe('body.contact.customFields[0].value');
    expect(await db.chats.count()).toBe(before);
    expect(await db.contacts.count({ 'externalIds.botUserId': 'fresh' })).toBe(0);

    // Automation reassigns in a restrictive team, ends; relaying into an ended chat is a 409.
    const chatId = opened.body.chat.id;
    const moved = await api.request('POST', `/api/v1/chats/${chatId}/assign`, { teamId: inbox, agentId: owner.user.id });
    expect(moved.body).toMatchObject({ teamId: inbox, assigneeId: owner.user.id });
    expect((await api.request('POST', `/api/v1/chats/${chatId}/assign`, {})).status).toBe(400);
    expect((await api.request('POST', `/api/v1/chats/${chatId}/end`)).body.status).toBe('ended');
    expect((await api.request('POST', `/api/v1/chats/${chatId}/end`)).status).toBe(409);
    expect((await api.relay(chatId, 'too late', 'late-1')).status).toBe(409);
    expect((await api.handoff(body('agent-1'))).body.chat.status).toBe('ended');
  });

  test('messages after a seq, and paging limits', async () => {
    const opened = await api.handoff(body('list-1', { transcript: [1, 2, 3, 4].map((n) => ({ author: 'bot', text: `line ${n}` })) }));
    const chatId = opened.body.chat.id;
    const after = await api.request('GET', `/api/v1/chats/${chatId}/messages?afterSeq=2&limit=1`);
    expect(after.body.items.map((m: any) => [m.seq, m.text])).toEqual([[3, 'line 3']]);
    expect((await api.request('GET', `/api/v1/chats/${chatId}/messages?limit=0`)).body.error.field).toBe('query.limit');
    expect((await api.request('GET', `/api/v1/chats/${chatId}`)).body).toMatchObject({ id: chatId, lastSeq: 4, handoffId: 'list-1' });
  });
});

test('the unresponsive-agent offer reaches the bot with its actions, and the contact’s pick comes back', async () => {
  const owner = await signUp(server, { orgName: 'Offer Co' });
  const offerSim = BotSimulator.start();
  const api = offerSim.connect(server.url, (await createKey(owner.client)).key);
  await connectWebhook(owner.client, offerSim);
  const team = await owner.client.post('/api/teams', {
    name: 'Slow', assignmentStrategy: 'round_robin', onlineOnlyRouting: false, unresponsiveStrategy: 'offer_choice', unresponsiveTimeoutSeconds: 10, unresponsiveMessage: '{agent} is busy. Another agent, or keep waiting?',
  });
  expect(team.status).toBe(201);
  // The API's minimum is 10 s; half a second straight in the database keeps the test short.
  await orgRepos(server, owner.org.id).teams.updateOne({ _id: oid(team.body.id) }, { $set: { unresponsiveTimeoutSeconds: 0.5 } });
  await provisionAgent(api, 'Sid Silent', [team.body.id]);
  const opened = await api.handoff({ handoffId: 'offer-1', teamId: team.body.id, contact: { botUserId: 'o-1', channel: 'telegram' } });
  const chatId = opened.body.chat.id;

  const offer = await offerSim.next('message.created', (e) => e.payload.data.message.actions.length > 0, 10_000);
  expect(offer.payload.data.message.author.kind).toBe('system');
  expect(offer.payload.data.message.text).toBe('Sid Silent is busy. Another agent, or keep waiting?');
  expect(offer.payload.data.message.actions.map((a: any) => a.id)).toEqual(['another_agent', 'keep_waiting']);
  const answered = await api.request('POST', `/api/v1/chats/${chatId}/choice`, { choice: 'keep_waiting' });
  expect(answered.status).toBe(200);
  expect(answered.body.awaitingChoice).toBe(false);
  expect((await api.request('POST', `/api/v1/chats/${chatId}/choice`, { choice: 'keep_waiting' })).status).toBe(409);
  await offerSim.stop();
});
