// Chat search (issue 17 item 3): $text over messages and notes, contact name / e-mail / username
// by an escaped pattern, labels by equality; filters, sorts; results limited by the permission
// table in every team mode; regex input matched literally, control characters refused.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { addMember, newVisitor, signUp, startTestServer, type TestClient, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let inbox: string;
type Member = { client: TestClient; user: { id: string } };

beforeAll(async () => {
  server = await startTestServer('chat_search');
  owner = await signUp(server, { orgName: 'Search Ltd' });
  inbox = owner.user.teamIds[0];
});
afterAll(() => server.close());

async function chatIn(teamId: string, text: string, contact?: { name?: string; email?: string }) {
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat(teamId);
  expect((await visitor.say(chat.id, text)).status).toBe(201);
  if (contact) expect((await owner.client.patch(`/api/contacts/${visitor.contactId}`, contact)).status).toBe(200);
  return { visitor, chatId: chat.id };
}
const search = async (client: TestClient, query: string) => {
  const res = await client.get(`/api/chats/search?${query}`);
  expect({ query, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ query, status: 200, body: 'ok' });
  return res.body.items as { chat: { id: string }; match: string | null; snippet: { text: string; highlights: { start: number; end: number }[] } | null }[];
};
const ids = async (client: TestClient, query: string) => (await search(client, query)).map((h) => h.chat.id);

describe('what matches', () => {
  test('message words (stemmed, any case), contact e-mail and name, a label, a note', async () => {
    const a = await chatIn(inbox, 'My PARCEL was Refunded twice', { name: 'Gwendolyn Parkes', email: 'gwen.parkes@example.test' });
    const b = await chatIn(inbox, 'where is my invoice');
    await owner.client.post(`/api/chats/${b.chatId}/labels`, { label: 'Billing Dispute' });
    await owner.client.post(`/api/chats/${b.chatId}/claim`);
    await owner.client.post(`/api/chats/${b.chatId}/notes`, { text: 'escalate to the kangaroo desk' });

    const byWords = await search(owner.client, 'q=refund');
    expect(byWords.map((h) => h.chat.id)).toEqual([a.chatId]);
    expect(byWords[0]!.match).toBe('message');
    const snippet = byWords[0]!.snippet!;
    expect(snippet.text).toContain('Refunded');
    expect(snippet.highlights.map((r) => snippet.text.slice(r.start, r.end))).toEqual(['Refunded']);

    expect(await ids(owner.client, 'q=gwen.parkes%40example.test')).toEqual([a.chatId]);
    expect((await search(owner.client, 'q=GWEN.PARKES'))[0]!.match).toBe('contact');
    expect(await ids(owner.client, 'q=gwendolyn')).toEqual([a.chatId]);
    const byLabel = await search(owner.client, 'q=billing%20dispute');
    expect(byLabel.map((h) => [h.chat.id, h.match])).toEqual([[b.chatId, 'label']]);
    const byNote = await search(owner.client, 'q=kangaroo');
    expect(byNote.map((h) => [h.chat.id, h.match])).toEqual([[b.chatId, 'note']]);
    expect(await ids(owner.client, 'q=nothingmatchesthis')).toEqual([]);
  });

  test('regex specials are literal; control characters and overlong queries are a 400 on query.q', async () => {
    const c = await chatIn(inbox, 'plain words', { email: 'a.b+c@example.test' });
    expect(await ids(owner.client, `q=${encodeURIComponent('a.b+c@')}`)).toEqual([c.chatId]);
    for (const special of ['(', '[a', 'a.*', '\\', '^$', 'x|y', '+?', '.*']) {
      const res = await owner.client.get(`/api/chats/search?q=${encodeURIComponent(special)}`);
      expect({ special, status: res.status }).toEqual({ special, status: 200 });
      expect({ special, n: res.body.items.length }).toEqual({ special, n: 0 });
    }
    for (const [q, field] of [['bad\u0000name', 'query.q'], ['x'.repeat(201), 'query.q']] as const) {
      const res = await owner.client.get(`/api/chats/search?q=${encodeURIComponent(q)}`);
      expect([res.status, res.body.error?.field]).toEqual([400, field]);
    }
    for (const [query, field] of [
      ['teamId=zzz', 'query.teamId'],
      ['teamId=0123456789abcdef01234567', 'query.teamId'],
      ['agentId=0123456789abcdef01234567', 'query.agentId'],
      ['label=' + 'x'.repeat(40), 'query.label'],
      ['from=yesterday', 'query.from'],
      ['from=2026-02-01&to=2026-01-01', 'query.to'],
      ['sort=random', 'query.sort'],
      ['q[$gt]=', 'query.q[$gt]'],
    ]) {
      const res = await owner.client.get(`/api/chats/search?${query}`);
      expect({ query, status: res.status, field: res.body.error?.field }).toEqual({ query, status: 400, field });
    }
  });
});

describe('filters and sorts', () => {
  test('status, team, agent, label and date range; newest, longest waiting, last activity', async () => {
    const team = (await owner.client.post('/api/teams', { name: 'Filters' })).body.id as string;
    const agent: Member = await addMember(server, owner.client, { role: 'agent', teamIds: [team] });
    const first = await chatIn(team, 'filter words one');
    const second = await chatIn(team, 'filter words two');
    const third = await chatIn(team, 'filter words three');
    await agent.client.post(`/api/chats/${second.chatId}/claim`);
    await owner.client.post(`/api/chats/${third.chatId}/labels`, { label: 'vip' });
    await owner.client.post(`/api/chats/${third.chatId}/claim`);
    await owner.client.post(`/api/chats/${third.chatId}/end`);
    const q = `q=filter&teamId=${team}`;

    expect(await ids(owner.client, `${q}&sort=newest`)).toEqual([third.chatId, second.chatId, first.chatId]);
    expect(await ids(owner.client, `${q}&sort=waiting`)).toEqual([first.chatId, second.chatId, third.chatId]);
    await first.visitor.say(first.chatId, 'still there?');
    expect((await ids(owner.client, `${q}&sort=activity`))[0]).toBe(first.chatId);

    expect(await ids(owner.client, `${q}&status=unassigned`)).toEqual([first.chatId]);
    expect(await ids(owner.client, `${q}&status=ended`)).toEqual([third.chatId]);
    expect((await ids(owner.client, `${q}&status=open`)).sort()).toEqual([first.chatId, second.chatId].sort());
    expect(await ids(owner.client, `${q}&agentId=${agent.user.id}`)).toEqual([second.chatId]);
    expect(await ids(owner.client, `${q}&agentId=none&sort=waiting`)).toEqual([first.chatId]);
    expect(await ids(owner.client, `${q}&label=VIP`)).toEqual([third.chatId]);
    // Filters without q: the filtered list itself.
    expect(await ids(owner.client, `teamId=${team}&label=vip`)).toEqual([third.chatId]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    expect(await ids(owner.client, `${q}&from=${tomorrow}`)).toEqual([]);
    expect(await ids(owner.client, `${q}&to=${yesterday}`)).toEqual([]);
    expect((await ids(owner.client, `${q}&from=${yesterday}&to=${tomorrow}`)).length).toBe(3);
  });
});

describe('the permission table', () => {
  // Per mode: an unassigned chat (queue), one assigned to a colleague, one assigned to the agent.
  for (const [mode, seesQueue, seesOthers] of [
    ['collaborative', true, true],
    ['self_service', true, false],
    ['restrictive', false, false],
  ] as const) {
    test(`${mode}: the agent finds only what the table lets them see (messages and notes alike)`, async () => {
      const team = (await owner.client.post('/api/teams', { name: `Mode ${mode}`, permissionMode: mode })).body.id as string;
      const agent: Member = await addMember(server, owner.client, { role: 'agent', teamIds: [team] });
      const colleague: Member = await addMember(server, owner.client, { role: 'agent', teamIds: [team] });
      const supervisor: Member = await addMember(server, owner.client, { role: 'supervisor', teamIds: [team] });
      const word = `walrus${mode.replace('_', '')}`;
      const queued = await chatIn(team, `${word} queued`);
      const others = await chatIn(team, `${word} others`);
      const mine = await chatIn(team, `${word} mine`);
      expect((await owner.client.post(`/api/chats/${others.chatId}/assign`, { agentId: colleague.user.id })).status).toBe(200);
      expect((await owner.client.post(`/api/chats/${mine.chatId}/assign`, { agentId: agent.user.id })).status).toBe(200);
      const noteWord = `narwhal${mode.replace('_', '')}`;
      for (const c of [queued, others, mine]) expect((await owner.client.post(`/api/chats/${c.chatId}/notes`, { text: `${noteWord} note` })).status).toBe(201);

      const expected = [mine.chatId, ...(seesQueue ? [queued.chatId] : []), ...(seesOthers ? [others.chatId] : [])].sort();
      expect((await ids(agent.client, `q=${word}`)).sort()).toEqual(expected);
      expect((await ids(agent.client, `q=${noteWord}`)).sort()).toEqual(expected);
      expect((await ids(agent.client, `q=${word}&sort=waiting&teamId=${team}`)).sort()).toEqual(expected);
      // Supervisors and admins see the team's every chat.
      expect((await ids(supervisor.client, `q=${word}`)).sort()).toEqual([queued.chatId, others.chatId, mine.chatId].sort());
      // A member of another team sees none of them.
      const outsider: Member = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox] });
      expect(await ids(outsider.client, `q=${word}`)).toEqual([]);
      expect(await ids(outsider.client, `q=${noteWord}`)).toEqual([]);
    });
  }
});
