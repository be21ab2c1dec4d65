// The dashboard, reports and export narrowed to one chat label (?label=, normalized like labels
// are): every figure counts only the chats carrying it.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { addMember, newVisitor, signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let agent: Awaited<ReturnType<typeof addMember>>;
const labelled: string[] = [];
let unlabelled = '';

beforeAll(async () => {
  server = await startTestServer('dashboard_label');
  owner = await signUp(server, { orgName: 'Label Stats' });
  const inbox = owner.user.teamIds[0];
  agent = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox] });
  for (let i = 0; i < 3; i++) {
    const visitor = await newVisitor(server, owner.org.widgetKey);
    const chat = await visitor.startChat(inbox);
    await visitor.say(chat.id, `question ${i}`);
    expect((await agent.client.post(`/api/chats/${chat.id}/claim`)).status).toBe(200);
    expect((await agent.client.post(`/api/chats/${chat.id}/messages`, { clientId: crypto.randomUUID(), text: 'answer' })).status).toBe(201);
    if (i < 2) {
      expect((await agent.client.post(`/api/chats/${chat.id}/labels`, { label: 'Refund' })).status).toBe(200);
      labelled.push(chat.id);
    } else unlabelled = chat.id;
  }
});
afterAll(() => server.close());

describe('?label=', () => {
  test('the dashboard counts and lists only the labelled chats', async () => {
    const all = await owner.client.get('/api/dashboard');
    expect(all.status).toBe(200);
    expect(all.body.totals.chats).toBe(3);
    const only = await owner.client.get('/api/dashboard?label=%20REFUND%20');
    expect(only.status).toBe(200);
    expect(only.body.totals.chats).toBe(2);
    expect(only.body.recent.map((c: { id: string }) => c.id).sort()).toEqual([...labelled].sort());
    expect(only.body.contacts.new + only.body.contacts.returning).toBe(2);
    const none = await owner.client.get('/api/dashboard?label=unknown');
    expect([none.body.totals.chats, none.body.recent]).toEqual([0, []]);
    // Empty means every chat, like teamId.
    expect((await owner.client.get('/api/dashboard?label=')).body.totals.chats).toBe(3);
  });

  test('reports and the export follow the label', async () => {
    const reports = await owner.client.get('/api/dashboard/reports?label=refund');
    expect(reports.status).toBe(200);
    expect(reports.body.agents.find((a: { agent: { id: string } }) => a.agent.id === agent.user.id)?.chats).toBe(2);
    expect((await owner.client.get('/api/dashboard/reports')).body.agents.find((a: { agent: { id: string } }) => a.agent.id === agent.user.id)?.chats).toBe(3);
    const csv = await owner.client.get('/api/dashboard/export?label=refund');
    expect(csv.status).toBe(200);
    const text = String(csv.body);
    for (const id of labelled) expect(text).toContain(id);
    expect(text).not.toContain(unlabelled);
  });

  test('a bad label is a 400 naming query.label', async () => {
    for (const path of ['/api/dashboard', '/api/dashboard/reports', '/api/dashboard/export']) {
      for (const bad of ['x'.repeat(40), 'a%2Fb', '%20%20']) {
        const res = await owner.client.get(`${path}?label=${bad}`);
        expect({ path, bad, status: res.status, field: res.body.error?.field }).toEqual({ path, bad, status: 400, field: 'query.label' });
      }
    }
  });
});
