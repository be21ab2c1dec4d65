import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { OPERATOR, TestClient, addMember, signUp, startTestServer, type TestServer } from '../../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  server = await startTestServer('org');
  owner = await signUp(server, { orgName: 'Acme' });
});
afterAll(async () => {
  await server.close();
});

describe('/api/org', () => {
  test('every member reads it; only admins change it', async () => {
    const agent = await addMember(server, owner.client, { role: 'agent' });
    const read = await agent.client.get('/api/org');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: owner.org.id, name: 'Acme' });
    expect(read.body).not.toHaveProperty('identitySecret');
    expect((await agent.client.patch('/api/org', { name: 'Agent Co' })).status).toBe(403);
    expect((await new TestClient(server.url).get('/api/org')).status).toBe(401);

    const admin = await addMember(server, owner.client, { role: 'admin' });
    const res = await admin.client.patch('/api/org', {
      name: ' Acme Ltd ',
      timezone: 'Europe/Berlin',
      widget: { title: 'Talk to us', color: '#AABBCC', position: 'left', allowedOrigins: ['https://Example.com', 'https://example.com:443', 'http://localhost:5173'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Acme Ltd',
      timezone: 'Europe/Berlin',
      widget: { title: 'Talk to us', color: '#aabbcc', position: 'left', allowedOrigins: ['https://example.com', 'http://localhost:5173'] },
    });
    // Unnamed widget fields are kept.
    expect(res.body.widget.greeting).toBe(owner.org.widget.greeting);
    const partial = await owner.client.patch('/api/org', { widget: { greeting: 'Hello!' } });
    expect(partial.body.widget).toMatchObject({ greeting: 'Hello!', title: 'Talk to us', position: 'left' });
    expect((await agent.client.get('/api/org')).body.name).toBe('Acme Ltd');
  });

  test('bad input is a 400 naming the field; nothing is written', async () => {
    const before = (await owner.client.get('/api/org')).body;
    const cases: [unknown, string][] = [
      [{ name: OPERATOR }, 'body.name'],
      [{ name: '  ' }, 'body.name'],
      [{ timezone: 'Moon/Base' }, 'body.timezone'],
      [{ timezone: OPERATOR }, 'body.timezone'],
      [{ widget: { color: 'red' } }, 'body.widget.color'],
      [{ widget: { color: '#abc' } }, 'body.widget.color'],
      [{ widget: { position: 'top' } }, 'body.widget.position'],
      [{ widget: { allowedOrigins: ['https://ok.example', 'https://example.com/path'] } }, 'body.widget.allowedOrigins[1]'],
      [{ widget: { allowedOrigins: ['javascript:alert(1)'] } }, 'body.widget.allowedOrigins[0]'],
      [{ widget: { allowedOrigins: ['https://user:pw@example.com'] } }, 'body.widget.allowedOrigins[0]'],
      [{ widget: { allowedOrigins: [OPERATOR] } }, 'body.widget.allowedOrigins[0]'],
      [{ widget: { title: 'x', extra: 1 } }, 'body.widget.extra'],
      [{ widgetKey: 'pk_mine' }, 'body.widgetKey'],
      [{ name: 'Good', timezone: 'Nowhere/City' }, 'body.timezone'],
    ];
    for (const [body, field] of cases) {
      const res = await owner.client.patch('/api/org', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    expect((await owner.client.get('/api/org')).body).toEqual(before);
  });

  test('a change touches only the caller’s organization', async () => {
    const other = await signUp(server, { orgName: 'Other' });
    await other.client.patch('/api/org', { name: 'Other renamed' });
    expect((await owner.client.get('/api/org')).body.name).not.toBe('Other renamed');
    expect((await other.client.get('/api/org')).body.id).toBe(other.org.id);
  });
});
