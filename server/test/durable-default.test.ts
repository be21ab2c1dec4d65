// The embedded default keeps its data (issue 14): the server started as `npm start` starts it,
// on the built-in stand-in in $DATA_DIR, is killed with kill -9 and started again on the same
// folder. The organization, its widget key, the visitor's token, the chat and every acknowledged
// message are still there, and so is the demo organization with its key.
import { afterAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServerProcess, type Child } from '../../scripts/faults/lib';
import { newVisitor, signUp, TestClient } from '../testing/harness';

const dataDir = mkdtempSync(join(tmpdir(), 'phoenix-durable-'));
const running: Child[] = [];
afterAll(async () => {
  for (const c of running) await c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function startDefaultServer(port: number) {
  // What `npm start` runs, minus the build: no MONGODB_URI, so the stand-in, durable in DATA_DIR.
  const server = await startServerProcess({ port, env: { DATA_DIR: dataDir, PHOENIX_DEMO: 'true', PHOENIX_STANDIN_MEMORY: '' } });
  running.push(server);
  return { url: server.url, server };
}

const demoKey = async (url: string) => /data-org="(pk_[^"]+)"/.exec(await (await fetch(`${url}/demo`)).text())?.[1];

test('kill -9 and a restart on the same data folder lose nothing that was acknowledged', async () => {
  const port = await freePort();
  const first = await startDefaultServer(port);
  expect((await (await fetch(`${first.url}/health`)).json()).database).toMatchObject({ backend: 'standin', inMemoryOnly: false });
  expect(first.server.logs.join('\n')).toContain(dataDir);

  const owner = await signUp(first);
  const visitor = await newVisitor(first, owner.org.widgetKey);
  const chat = await visitor.startChat();
  const texts = ['my order never came', 'it was order A-1001', 'can you help?'];
  for (const text of texts) expect((await visitor.say(chat.id, text)).status).toBe(201);
  const demoBefore = await demoKey(first.url);
  expect(demoBefore).toBeDefined();

  await first.server.kill('SIGKILL');
  const second = await startDefaultServer(port);
  expect(second.server.logs.join('\n')).toContain('restored');

  // The owner signs in again with the same password: same organization, same widget key.
  const again = new TestClient(second.url);
  const login = await again.post('/api/auth/login', { email: owner.email, password: owner.password });
  expect(login.status).toBe(200);
  expect(login.body.org).toMatchObject({ id: owner.org.id, widgetKey: owner.org.widgetKey });
  // The embed snippet keeps working: the widget key still opens the widget.
  expect((await fetch(`${second.url}/api/widget/config?org=${owner.org.widgetKey}`)).status).toBe(200);
  // The visitor's token still works, and the chat holds every acknowledged message in order.
  const mine = await new TestClient(second.url, { authorization: `Bearer ${visitor.token}` }).get('/api/widget/chats');
  expect(mine.status).toBe(200);
  expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([chat.id]);
  const messages = await again.get(`/api/chats/${chat.id}/messages`);
  expect(messages.status).toBe(200);
  expect(messages.body.items.filter((m: { author: { kind: string } }) => m.author.kind === 'contact').map((m: { text: string }) => m.text)).toEqual(texts);
  // The demo organization survived with its key.
  expect(await demoKey(second.url)).toBe(demoBefore);
}, 60_000);
