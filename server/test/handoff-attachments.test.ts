// Issue 16 item 3: the bot relays a contact's files — uploaded through the API and named by a
// relayed message, or inline in the handoff transcript — checked like widget uploads, and agents
// see them in the console as they see visitor files.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { addMember, newVisitor, oid, orgRepos, signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';
import { signRequest } from '../services/signature';

const PNG: Uint8Array<ArrayBuffer> = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4]);
const PDF: Uint8Array<ArrayBuffer> = new TextEncoder().encode('%PDF-1.4\n% relayed brochure\n');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let agent: Awaited<ReturnType<typeof addMember>>;
let api: TestClient;
let key: string;

beforeAll(async () => {
  server = await startTestServer('handoff_attachments', { env: { UPLOAD_MAX_BYTES: '65536' } });
  owner = await signUp(server, { orgName: 'Files Inc' });
  agent = await addMember(server, owner.client, { role: 'agent', teamIds: [owner.user.teamIds[0]], name: 'Agnes' });
  key = (await owner.client.post('/api/integrations/api-keys', { name: 'bot' })).body.key;
  api = new TestClient(server.url, { authorization: `Bearer ${key}` });
});
afterAll(() => server.close());

const form = (bytes: Uint8Array<ArrayBuffer>, name: string) => {
  const f = new FormData();
  f.append('file', new File([bytes], name));
  return f;
};
const handoff = (handoffId: string, transcript: unknown[]) =>
  api.post('/api/v1/chats', { handoffId, contact: { botUserId: `u-${handoffId}`, channel: 'whatsapp', name: 'Cleo' }, transcript });
const fileCount = () => orgRepos(server, owner.org.id).files.count();

test('a transcript carries inline files; agents see and download them like visitor files; a repeat stores none twice', async () => {
  const transcript = [
    { author: 'contact', text: 'here is my receipt', attachments: [{ name: 'receipt.png', contentBase64: b64(PNG) }] },
    { author: 'bot', text: 'thanks, and our brochure', attachments: [{ name: 'brochure.pdf', contentBase64: b64(PDF) }] },
  ];
  const opened = await handoff('t-1', transcript);
  expect(opened.status).toBe(201);
  const chatId = opened.body.chat.id;
  const files = await fileCount();

  // The console: the agent sees both files in the chat and downloads them.
  const messages = await agent.client.get(`/api/chats/${chatId}/messages`);
  expect(messages.status).toBe(200);
  const [fromContact, fromBot] = messages.body.items;
  expect(fromContact).toMatchObject({ author: { kind: 'contact' }, text: 'here is my receipt', attachments: [{ name: 'receipt.png', contentType: 'image/png', size: PNG.length }] });
  expect(fromBot).toMatchObject({ author: { kind: 'bot' }, attachments: [{ name: 'brochure.pdf', contentType: 'application/pdf' }] });
  expect(fromContact.attachments[0].url).toStartWith('/api/files/');
  const download = await fetch(`${server.url}${fromContact.attachments[0].url}`, { headers: { cookie: agent.client.cookieHeader } });
  expect(download.status).toBe(200);
  expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);
  // The bot reads them back through its own download route.
  const v1 = await api.get(`/api/v1/chats/${chatId}/messages`);
  expect(v1.body.items[1].attachments[0].url).toStartWith('/api/v1/files/');
  const viaApi = await fetch(`${server.url}${v1.body.items[1].attachments[0].url}`, { headers: { authorization: `Bearer ${key}` } });
  expect(new Uint8Array(await viaApi.arrayBuffer())).toEqual(PDF);

  const again = await handoff('t-1', transcript);
  expect(again.status).toBe(200);
  expect(await fileCount()).toBe(files);
  expect(await orgRepos(server, owner.org.id).messages.count({ chatId: oid(chatId) })).toBe(2);
});

test('an inline file is checked like an upload before anything is written', async () => {
  const chats = () => orgRepos(server, owner.org.id).chats.count();
  const before = { chats: await chats(), files: await fileCount() };
  const cases: [unknown, number, string][] = [
    [{ name: 'virus.exe', contentBase64: b64(new Uint8Array([0x4d, 0x5a, 0x90, 0])) }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [{ name: 'photo.pdf', contentBase64: b64(PNG) }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [{ name: 'big.txt', contentBase64: b64(new Uint8Array(70_000).fill(0x61)) }, 413, 'PAYLOAD_TOO_LARGE'],
    [{ name: 'empty.txt', contentBase64: '' }, 400, 'VALIDATION'],
    [{ name: 'x.png', contentBase64: 'not base64!' }, 400, 'VALIDATION'],
  ];
  for (const [attachment, status, code] of cases) {
    const res = await handoff('t-bad', [{ author: 'contact', text: 'ok' }, { author: 'contact', text: 'file', attachments: [attachment] }]);
    expect({ attachment: JSON.stringify(attachment).slice(0, 40), status: res.status, code: res.body.error.code }).toEqual({ attachment: JSON.stringify(attachment).slice(0, 40), status, code });
    expect(res.body.error.field).toStartWith('body.transcript[1].attachments[0]');
  }
  expect({ chats: await chats(), files: await fileCount() }).toEqual(before);
});

test('upload through the API, then relay a message naming the file: the agent sees it in the chat', async () => {
  const opened = await handoff('u-1', [{ author: 'contact', text: 'hi' }]);
  const chatId = opened.body.chat.id;
  const uploaded = await api.request('POST', `/api/v1/chats/${chatId}/files`, form(PNG, 'screenshot.png'));
  expect(uploaded.status).toBe(201);
  expect(uploaded.body).toMatchObject({ name: 'screenshot.png', contentType: 'image/png', size: PNG.length });
  expect(uploaded.body.url).toBe(`/api/v1/files/${uploaded.body.id}`);

  const relayed = await api.post(`/api/v1/chats/${chatId}/messages`, { text: 'my screenshot', clientId: 'm-1', fileIds: [uploaded.body.id] });
  expect(relayed.status).toBe(201);
  expect(relayed.body).toMatchObject({ author: { kind: 'contact' }, attachments: [{ id: uploaded.body.id, name: 'screenshot.png' }] });
  // A resend is the same message.
  const resend = await api.post(`/api/v1/chats/${chatId}/messages`, { text: 'my screenshot', clientId: 'm-1', fileIds: [uploaded.body.id] });
  expect(resend.status).toBe(200);
  expect(resend.body.id).toBe(relayed.body.id);

  const list = await agent.client.get(`/api/chats/${chatId}/messages`);
  expect(list.body.items.at(-1)).toMatchObject({ text: 'my screenshot', attachments: [{ id: uploaded.body.id, contentType: 'image/png' }] });
  const download = await fetch(`${server.url}${list.body.items.at(-1).attachments[0].url}`, { headers: { cookie: agent.client.cookieHeader } });
  expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);
});

test('uploads are checked like widget uploads, and only go with the contact’s own messages in that chat', async () => {
  const chatId = (await handoff('u-2', [])).body.chat.id;
  const otherChatId = (await handoff('u-3', [])).body.chat.id;
  const up = (bytes: Uint8Array<ArrayBuffer>, name: string, into = chatId) => api.request('POST', `/api/v1/chats/${into}/files`, form(bytes, name));

  expect((await up(new Uint8Array([0x4d, 0x5a, 0x90, 0]), 'run.exe')).status).toBe(415);
  expect((await up(PNG, 'fake.pdf')).status).toBe(415);
  expect((await up(new Uint8Array(0), 'empty.txt')).status).toBe(400);
  expect((await up(new Uint8Array(70_000).fill(0x61), 'big.txt')).status).toBe(413);
  const noFile = await api.request('POST', `/api/v1/chats/${chatId}/files`, new FormData());
  expect(noFile.status).toBe(400);
  const json = await api.post(`/api/v1/chats/${chatId}/files`, { file: 'x' });
  expect(json.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'body.file' });

  // A file of another chat, an agent's upload in this chat, or a made-up id: 400 on the field.
  const elsewhere = (await up(PNG, 'other.png', otherChatId)).body.id;
  await agent.client.post(`/api/chats/${chatId}/claim`);
  const agentForm = form(PNG, 'agent.png');
  agentForm.append('chatId', chatId);
  const agentUpload = (await agent.client.request('POST', '/api/files/', agentForm)).body.id;
  for (const fileId of [elsewhere, agentUpload, '0'.repeat(24)]) {
    const res = await api.post(`/api/v1/chats/${chatId}/messages`, { text: 'x', fileIds: [fileId] });
    expect({ fileId, status: res.status, field: res.body.error?.field }).toEqual({ fileId, status: 400, field: 'body.fileIds[0]' });
  }

  // Widget chats and ended chats take no relayed files.
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const webChat = await visitor.startChat();
  expect((await up(PNG, 'web.png', webChat.id)).status).toBe(409);
  await api.post(`/api/v1/chats/${otherChatId}/end`);
  expect((await up(PNG, 'late.png', otherChatId)).status).toBe(409);
  // Without a key nothing is read; another organization's key finds no such chat.
  expect((await new TestClient(server.url).request('POST', `/api/v1/chats/${chatId}/files`, form(PNG, 'a.png'))).status).toBe(401);
  const other = await signUp(server, { orgName: 'Other' });
  const otherApi = new TestClient(server.url, { authorization: `Bearer ${(await other.client.post('/api/integrations/api-keys', { name: 'b' })).body.key}` });
  expect((await otherApi.request('POST', `/api/v1/chats/${chatId}/files`, form(PNG, 'a.png'))).status).toBe(404);
});

test('a signed upload signs the SHA-256 of its raw body', async () => {
  const strict = (await owner.client.post('/api/integrations/api-keys', { name: 'strict', signatureRequired: true })).body.key;
  const chatId = (await handoff('s-1', [])).body.chat.id;
  const boundary = 'phoenixboundary42';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="signed.png"\r\nContent-Type: image/png\r\n\r\n`),
    Buffer.from(PNG),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const path = `/api/v1/chats/${chatId}/files`;
  const send = async (digestOf: Buffer, ts = String(Math.floor(Date.now() / 1000))) => {
    const digest = new Bun.CryptoHasher('sha256').update(digestOf).digest('hex');
    const signature = signRequest(strict, { method: 'POST', pathWithQuery: path, timestamp: ts, rawBody: digest });
    return fetch(`${server.url}${path}`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${strict}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-phoenix-timestamp': ts, 'x-phoenix-signature': signature },
    });
  };
  expect((await send(Buffer.concat([body, Buffer.from('x')]))).status).toBe(401);
  const ok = await send(body);
  expect(ok.status).toBe(201);
  expect(((await ok.json()) as { name: string }).name).toBe('signed.png');
  const unsigned = await fetch(`${server.url}${path}`, { method: 'POST', body, headers: { authorization: `Bearer ${strict}`, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  expect(unsigned.status).toBe(401);
});

test('an upload carries the rate-limit headers, and a retried upload with its Idempotency-Key stores one file', async () => {
  const chatId = (await handoff('t-idem', [])).body.chat.id;
  // Each retry is a new FormData, so a new multipart boundary: the file itself is compared.
  const send = (idempotencyKey: string, bytes = PNG, name = 'retry.png') =>
    api.request('POST', `/api/v1/chats/${chatId}/files`, form(bytes, name), { 'idempotency-key': idempotencyKey });
  const before = await fileCount();
  const first = await send('upload-1');
  expect(first.status).toBe(201);
  for (const header of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) expect(first.headers.get(header)).toMatch(/^\d+$/);
  const again = await send('upload-1');
  expect(again.status).toBe(201);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.body.id).toBe(first.body.id);
  expect(await fileCount()).toBe(before + 1);
  // The same key with another file is a conflict, not a second file.
  const conflict = await send('upload-1', PDF, 'other.pdf');
  expect(conflict.status).toBe(409);
  expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
  expect(await fileCount()).toBe(before + 1);
});
