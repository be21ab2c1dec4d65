// Issue 18 item 1: automatic answers come after what the visitor wrote, and the assigned message
// (written in the agent's voice) is stored as that agent's message, not as a system notice.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { newVisitor, startTestServer, type TestServer } from '../testing/harness';
import { chatById, seedOrg } from '../testing/routing';
import { waitFor } from '../testing/wait';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('message-order');
});
afterAll(() => server.stop());

type Line = { seq: number; author: { kind: string; id: string | null; name: string | null }; text: string };

async function linesOf(visitor: Awaited<ReturnType<typeof newVisitor>>, chatId: string, count: number): Promise<Line[]> {
  return waitFor(
    async () => {
      const res = await visitor.client.get(`/api/widget/chats/${chatId}/messages`);
      return res.body.items.length >= count ? (res.body.items as Line[]) : null;
    },
    { what: `${count} messages` },
  );
}

test('auto-assigned: the visitor’s first message is seq 1, then the assigned message from the agent', async () => {
  const org = await seedOrg(server, { agents: 1, team: { assignedMessage: "Hi! I'm {agent}, how can I help?" } });
  const visitor = await newVisitor(server, org.widgetKey);
  const chat = await visitor.startChat();
  // The chat is assigned on opening; its answer waits for the visitor's message.
  expect((await visitor.client.get(`/api/widget/chats/${chat.id}/messages`)).body.items).toEqual([]);
  expect((await visitor.say(chat.id, 'Hello, my order is late')).status).toBe(201);

  const lines = await linesOf(visitor, chat.id, 2);
  expect(lines.map((m) => [m.seq, m.author.kind, m.text])).toEqual([
    [1, 'contact', 'Hello, my order is late'],
    [2, 'agent', "Hi! I'm Agent A, how can I help?"],
  ]);
  expect(lines[1]!.author).toEqual({ kind: 'agent', id: org.agents[0]!.id.toString(), name: 'Agent A' });
  // Not the agent's answer: no first response, and their unresponsive clock is not stopped by it.
  expect((await chatById(server.ctx, org, chat.id))!.firstResponseAt).toBeNull();
  // A second visitor message does not repeat it.
  await visitor.say(chat.id, 'Are you there?');
  const after = await linesOf(visitor, chat.id, 3);
  expect(after.map((m) => m.author.kind)).toEqual(['contact', 'agent', 'contact']);
});

test('after hours: the notice follows the visitor’s first message and stays a system notice', async () => {
  const closed = { timezone: 'UTC', weekly: {}, exceptions: [] };
  const org = await seedOrg(server, { agents: 1, team: { schedule: closed, afterHoursMessage: 'We are closed; we will answer tomorrow.' } });
  const visitor = await newVisitor(server, org.widgetKey);
  const chat = await visitor.startChat();
  await visitor.say(chat.id, 'Anyone?');
  const lines = await linesOf(visitor, chat.id, 2);
  expect(lines.map((m) => [m.seq, m.author.kind, m.text])).toEqual([
    [1, 'contact', 'Anyone?'],
    [2, 'system', 'We are closed; we will answer tomorrow.'],
  ]);
});
