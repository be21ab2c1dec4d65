// Queue position and estimated wait (issue 18.4): each waiting visitor learns their place in the
// team's queue (waiting chats by wait start) live, as chats ahead are claimed, and the typical
// wait from the team's recent claims — hidden while there are too few of them.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { newVisitor, startTestServer, type TestServer } from '../testing/harness';
import { loginAgent, seedOrg, type SeededOrg } from '../testing/routing';
import { TestSocket } from '../testing/socket';

let server: TestServer;
let org: SeededOrg;
beforeAll(async () => {
  server = await startTestServer('queue-position');
  org = await seedOrg(server, { agents: 1, team: { assignmentStrategy: 'none' } });
});
afterAll(() => server.close());

async function waitingVisitor() {
  const visitor = await newVisitor(server, org.widgetKey);
  const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
  socket.send({ type: 'auth', token: visitor.token });
  await socket.next('ready');
  const chat = await visitor.startChat();
  return { visitor, socket, chatId: chat.id };
}

const positionFrame = (s: TestSocket, chatId: string, position: number, after = 0) =>
  s.next('queue.position', (f) => f.chatId === chatId && f.position === position, { after });

test('three visitors wait at 1, 2, 3; claiming the first moves the others to 1 and 2 live; the estimate follows the data', async () => {
  const [a, b, c] = [await waitingVisitor(), await waitingVisitor(), await waitingVisitor()];
  try {
    // Live frames as the queue grew, and the same from the route.
    await positionFrame(a.socket, a.chatId, 1);
    await positionFrame(b.socket, b.chatId, 2);
    const third = await positionFrame(c.socket, c.chatId, 3);
    expect(third.estimatedWaitSeconds).toBeNull();
    for (const [v, position] of [[a, 1], [b, 2], [c, 3]] as const) {
      const res = await v.visitor.client.get(`/api/widget/chats/${v.chatId}/queue`);
      expect(res.body).toEqual({ chatId: v.chatId, position, estimatedWaitSeconds: null });
    }
    // A visitor only hears about their own chat.
    expect(b.socket.frames.some((f) => f.type === 'queue.position' && f.chatId !== b.chatId)).toBe(false);

    // Four recent claims are too few for an estimate; five give their median. Written through the
    // repos so the waits are known: 60, 120, 180, 240 s, then 600 s (median of five = 180 s).
    const now = server.ctx.clock.now().getTime();
    const claimed = async (waitSeconds: number) => {
      const contact = await org.db.contacts.insert({ firstSeenAt: new Date(now), lastSeenAt: new Date(now) });
      await org.db.chats.insert({
        contactId: contact._id,
        teamId: org.teamId,
        status: 'ended',
        channel: 'web',
        createdAt: new Date(now - 3_600_000 - waitSeconds * 1000),
        assignedAt: new Date(now - 3_600_000),
        assigneeId: org.agents[0]!.id,
      });
    };
    for (const w of [60, 120, 180, 240]) await claimed(w);
    // A claim older than the window does not count.
    const old = await org.db.contacts.insert({ firstSeenAt: new Date(now), lastSeenAt: new Date(now) });
    await org.db.chats.insert({ contactId: old._id, teamId: org.teamId, status: 'ended', channel: 'web', createdAt: new Date(now - 9 * 86_400_000), assignedAt: new Date(now - 8 * 86_400_000) });
    expect((await c.visitor.client.get(`/api/widget/chats/${c.chatId}/queue`)).body.estimatedWaitSeconds).toBeNull();
    // Before writing, a visitor's widget reads the same median as "Usually replies in …".
    const replyEstimate = async () => (await c.visitor.client.get(`/api/widget/config?org=${org.widgetKey}`)).body.team.replyEstimateSeconds;
    expect(await replyEstimate()).toBeNull();
    await claimed(600);
    expect((await c.visitor.client.get(`/api/widget/chats/${c.chatId}/queue`)).body.estimatedWaitSeconds).toBe(180);
    expect(await replyEstimate()).toBe(180);

    // The agent claims the first chat: the two behind move up, live.
    const agent = await loginAgent(server, org.agents[0]!);
    const [markB, markC] = [b.socket.mark(), c.socket.mark()];
    expect((await agent.post(`/api/chats/${a.chatId}/claim`)).status).toBe(200);
    const [nowB, nowC] = await Promise.all([positionFrame(b.socket, b.chatId, 1, markB), positionFrame(c.socket, c.chatId, 2, markC)]);
    // The claim itself is a sixth sample (about a second of wait): 1, 60, 120, 180, 240, 600 → (120 + 180) / 2.
    expect(nowB.estimatedWaitSeconds).toBe(150);
    expect(nowC.estimatedWaitSeconds).toBe(nowB.estimatedWaitSeconds);
    const claimedChat = await a.visitor.client.get(`/api/widget/chats/${a.chatId}/queue`);
    expect(claimedChat.body).toEqual({ chatId: a.chatId, position: null, estimatedWaitSeconds: null });

    // Messages do not move the queue: no position frame for them.
    const quiet = c.socket.mark();
    await c.visitor.say(c.chatId, 'still here');
    expect(await c.socket.arrives('queue.position', () => true, { after: quiet, timeout: 300 })).toBe(false);

    // C gives up and ends their chat: the queue is recomputed and B is still first.
    const beforeEnd = b.socket.mark();
    expect((await c.visitor.client.post(`/api/widget/chats/${c.chatId}/end`)).status).toBe(200);
    await positionFrame(b.socket, b.chatId, 1, beforeEnd);
  } finally {
    for (const v of [a, b, c]) v.socket.close();
  }
}, 20_000);
