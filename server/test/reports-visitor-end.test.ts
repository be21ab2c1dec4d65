// A visitor who closes the chat from the widget (its End chat button) before any agent answered
// is an abandoned chat in the supervisors' reports; one an agent answered first is neither.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { newVisitor, signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('reports-visitor-end');
});
afterAll(() => server.close());

test('the visitor ends an unanswered chat from the widget: abandoned; an answered one: not counted', async () => {
  const owner = await signUp(server, { orgName: 'Leavers Ltd' });
  const day = server.ctx.clock.now().toISOString().slice(0, 10);
  const reports = async () => (await owner.client.get(`/api/dashboard/reports?from=${day}&to=${day}`)).body.unanswered;

  const leaver = await newVisitor(server, owner.org.widgetKey);
  const unanswered = await leaver.startChat();
  await leaver.say(unanswered.id, 'hello? anyone?');
  expect((await leaver.client.post(`/api/widget/chats/${unanswered.id}/end`, {})).status).toBe(200);

  const answeredVisitor = await newVisitor(server, owner.org.widgetKey);
  const answered = await answeredVisitor.startChat();
  await answeredVisitor.say(answered.id, 'a question');
  expect((await owner.client.post(`/api/chats/${answered.id}/claim`)).status).toBe(200);
  expect((await owner.client.post(`/api/chats/${answered.id}/messages`, { text: 'here to help', clientId: 'r-1' })).status).toBeLessThan(300);
  expect((await answeredVisitor.client.post(`/api/widget/chats/${answered.id}/end`, {})).status).toBe(200);

  const r = await reports();
  expect({ missed: r.missed, abandoned: r.abandoned }).toEqual({ missed: 0, abandoned: 1 });
  expect(r.chats.map((c: { chatId?: string; id?: string; kind: string }) => [c.chatId ?? c.id, c.kind])).toEqual([[unanswered.id, 'abandoned']]);
});
