// Issue 18 item 5: the visitor rates their ended chat (1–5 stars, optional comment), once per
// chat with replacement until 24 h after the end; the agent sees it, and so do the reports.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { manualClock } from '../clock';
import { newVisitor, oid, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';

const clock = manualClock(new Date('2030-03-04T10:00:00Z'));
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('ratings', { clock });
});
afterAll(() => server.stop());

async function endedChat() {
  const owner = await signUp(server);
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat();
  await visitor.say(chat.id, 'Where is my parcel?');
  expect((await owner.client.post(`/api/chats/${chat.id}/claim`, {})).status).toBe(200);
  expect((await owner.client.post(`/api/chats/${chat.id}/messages`, { text: 'On its way!', clientId: crypto.randomUUID() })).status).toBe(201);
  return { owner, visitor, chat };
}

test('no rating before the end; after it the rating is stored, shown to the agent, replaceable', async () => {
  const { owner, visitor, chat } = await endedChat();
  const early = await visitor.client.post(`/api/widget/chats/${chat.id}/rating`, { score: 5 });
  expect(early.status).toBe(409);
  expect(early.body.error.details.reason).toBe('chat_not_ended');

  expect((await owner.client.post(`/api/chats/${chat.id}/end`, {})).status).toBe(200);
  const endedUpdatedAt = (await orgRepos(server, owner.org.id).chats.findById(oid(chat.id)))!.updatedAt!;
  clock.advance(1_000);
  const rated = await visitor.client.post(`/api/widget/chats/${chat.id}/rating`, { score: 2, comment: '  Slow answer  ' });
  expect(rated.status).toBe(200);
  expect(rated.body.rating).toEqual({ score: 2, comment: 'Slow answer', ratedAt: clock.now().toISOString() });
  // The bot platform's change feed (GET /api/v1/chats by updatedAt) sees the rated chat again.
  expect((await orgRepos(server, owner.org.id).chats.findById(oid(chat.id)))!.updatedAt!.getTime()).toBeGreaterThan(endedUpdatedAt.getTime());

  clock.advance(60_000);
  const again = await visitor.client.post(`/api/widget/chats/${chat.id}/rating`, { score: 4 });
  expect(again.body.rating).toMatchObject({ score: 4, comment: null });
  const seen = await owner.client.get(`/api/chats/${chat.id}`);
  expect(seen.body.chat.rating).toMatchObject({ score: 4, comment: null });

  // The per-agent report counts it.
  const reports = await owner.client.get('/api/dashboard/reports');
  expect(reports.status).toBe(200);
  expect(reports.body.hasRatings).toBe(true);
  const row = reports.body.agents.find((a: { agent: { id: string } }) => a.agent.id === owner.user.id);
  expect(row.rating).toEqual({ count: 1, average: 4 });
  expect(reports.body.rating).toEqual({ count: 1, average: 4 });
});

test('24 h after the end the rating is closed', async () => {
  const { owner, visitor, chat } = await endedChat();
  await owner.client.post(`/api/chats/${chat.id}/end`, {});
  clock.advance(24 * 3_600_000 + 1_000);
  const late = await visitor.client.post(`/api/widget/chats/${chat.id}/rating`, { score: 5 });
  expect(late.status).toBe(409);
  expect(late.body.error.details.reason).toBe('rating_closed');
});

test('bad input names the field; another visitor’s chat is not found', async () => {
  const { owner, visitor, chat } = await endedChat();
  await owner.client.post(`/api/chats/${chat.id}/end`, {});
  for (const body of [{ score: 0 }, { score: 6 }, { score: 3.5 }, { score: '5' }, { score: { $gt: 0 } }, {}]) {
    const res = await visitor.client.post(`/api/widget/chats/${chat.id}/rating`, body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toContain('score');
  }
  const long = await visitor.client.post(`/api/widget/chats/${chat.id}/rating`, { score: 3, comment: 'x'.repeat(1001) });
  expect(long.status).toBe(400);
  expect(long.body.error.field).toContain('comment');
  const stranger = await newVisitor(server, owner.org.widgetKey);
  expect((await stranger.client.post(`/api/widget/chats/${chat.id}/rating`, { score: 1 })).status).toBe(404);
});
