// Uploads: size cap, type by magic bytes, downloads only for people who may see the chat,
// served as attachments with nosniff.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { addMember, newVisitor, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  server = await startTestServer('files', { env: { UPLOAD_MAX_BYTES: '65536' } });
  owner = await signUp(server);
});
afterAll(() => server.close());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const form = (chatId: string, bytes: Uint8Array<ArrayBuffer>, name: string, type = 'application/octet-stream') => {
  const data = new FormData();
  data.append('chatId', chatId);
  data.append('file', new File([bytes], name, { type }));
  return data;
};

test('a visitor uploads an image, sends it, the agent downloads it as an attachment', async () => {
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat();
  await owner.client.post(`/api/chats/${chat.id}/claim`);
  const upload = await visitor.client.post('/api/widget/files', form(chat.id, PNG, 'photo.png'));
  expect(upload.status).toBe(201);
  expect(upload.body).toMatchObject({ name: 'photo.png', contentType: 'image/png', size: PNG.length });
  const sent = await visitor.client.post(`/api/widget/chats/${chat.id}/messages`, { clientId: 'f1', text: '', attachmentIds: [upload.body.id] });
  expect(sent.status).toBe(201);
  expect(sent.body.attachments[0].url).toBe(`/api/widget/files/${upload.body.id}`);

  const messages = await owner.client.get(`/api/chats/${chat.id}/messages`);
  const url = messages.body.items[0].attachments[0].url;
  expect(url).toBe(`/api/files/${upload.body.id}`);
  const download = await owner.client.get(url);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe('image/png');
  expect(download.headers.get('x-content-type-options')).toBe('nosniff');
  expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="photo.png"/);
  const visitorCopy = await visitor.client.get(`/api/widget/files/${upload.body.id}`);
  expect(visitorCopy.status).toBe(200);
});

test('size cap and type checks happen before anything is stored', async () => {
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat();
  // Only this organization's visitor uploads here.
  const files = orgRepos(server, owner.org.id).files;
  const before = await files.count();
  const big = await visitor.client.post('/api/widget/files', form(chat.id, new Uint8Array(70_000), 'big.txt'));
  expect(big.status).toBe(413);
  expect(big.body.error.field).toBe('body.file');
  const html = await visitor.client.post('/api/widget/files', form(chat.id, new TextEncoder().encode('<script>alert(1)</script>'), 'x.html', 'text/html'));
  expect(html.status).toBe(415);
  const disguised = await visitor.client.post('/api/widget/files', form(chat.id, new Uint8Array([0x4d, 0x5a, 0, 0]), 'cat.png', 'image/png'));
  expect(disguised.status).toBe(415);
  expect(await files.count()).toBe(before);
});

test('only people who may see the chat download its files', async () => {
  const team = (await owner.client.post('/api/teams', { name: 'Private', permissionMode: 'self_service' })).body;
  const agent = await addMember(server, owner.client, { role: 'agent', teamIds: [team.id] });
  const outsider = await addMember(server, owner.client, { role: 'agent', teamIds: [team.id] });
  const visitor = await newVisitor(server, owner.org.widgetKey);
  const chat = await visitor.startChat(team.id);
  await agent.client.post(`/api/chats/${chat.id}/claim`);
  const upload = await agent.client.post('/api/files', form(chat.id, new TextEncoder().encode('quote: 100 EUR\n'), 'quote.txt'));
  expect(upload.status).toBe(201);
  expect((await agent.client.get(`/api/files/${upload.body.id}`)).status).toBe(200);
  expect((await outsider.client.get(`/api/files/${upload.body.id}`)).status).toBe(404);
  const strangerVisitor = await newVisitor(server, owner.org.widgetKey);
  expect((await strangerVisitor.client.get(`/api/widget/files/${upload.body.id}`)).status).toBe(404);
  // Someone else's upload id cannot be attached to your message either.
  const hijack = await visitor.client.post(`/api/widget/chats/${chat.id}/messages`, { clientId: 'h1', text: 'look', attachmentIds: [upload.body.id] });
  expect(hijack.status).toBe(400);
  expect(hijack.body.error.field).toBe('attachmentIds[0]');
});
