// Error bodies as clients see them: human messages without the field path, the field apart,
// schema failures of our own answers as a logged 500, and oversize bodies as JSON 413.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { Elysia, t } from 'elysia';
import { createLogger } from '../logger';
import { AppError, badRequest, humanMessage } from '../errors';
import { TestClient, signUp, startTestServer, type TestServer } from '../testing/harness';
import { errorHandler } from './error-handler';
import { MULTIPART_ALLOWANCE_BYTES } from './body-limit';

const UPLOAD_MAX = 4096;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('http-errors', { env: { UPLOAD_MAX_BYTES: String(UPLOAD_MAX) } });
});
afterAll(async () => {
  await server.close();
});

describe('validation messages', () => {
  test('name what is wrong in words; the path travels in `field`', async () => {
    const client = new TestClient(server.url);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ orgName: 'Acme', name: 'Ann', email: 'not-an-email', password: 'long enough 1' }, 'body.email', /^Enter a valid e-mail address$/],
      [{ orgName: 'Acme', name: 'Ann', email: 'ann@example.test', password: 'short' }, 'body.password', /^Use at least 8 characters$/],
      [{ orgName: 'Acme', name: '   ', email: 'ann@example.test', password: 'long enough 1' }, 'body.name', /^Must not be blank$/],
      [{ orgName: 'Acme', name: 'Ann', email: 'ann@example.test', password: 'long enough 1', plan: 'gold' }, 'body.plan', /^Is not a known field$/],
      [{ orgName: 'Acme', name: 'Ann', password: 'long enough 1' }, 'body.email', /^Is required$/],
      [{ orgName: 'Acme', name: { $gt: '' }, email: 'ann@example.test', password: 'long enough 1' }, 'body.name', /^Must be text$/],
    ];
    for (const [body, field, message] of cases) {
      const res = await client.post('/api/auth/signup', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION', field });
      expect(res.body.error.message).toMatch(message);
      expect(res.body.error.message).not.toMatch(/body\.|query\.|Property '/);
    }
  });

  test('query enums list the choices', async () => {
    const { client } = await signUp(server);
    const res = await client.get('/api/chats?view=everything');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('query.view');
    expect(res.body.error.message).toBe('Choose one of: unassigned, mine, all, team');
  });

  test('the factory takes a path prefix off messages of older call sites', () => {
    expect(badRequest('body.name: must not be blank', 'body.name').message).toBe('Must not be blank');
    expect(new AppError('VALIDATION', 'body.widget.allowedOrigins[0]: must be an origin', 'body.widget.allowedOrigins[0]').toBody().error).toEqual({
      code: 'VALIDATION',
      message: 'Must be an origin',
      field: 'body.widget.allowedOrigins[0]',
    });
    expect(humanMessage('query.limit: must be from 1 to 100')).toBe('Must be from 1 to 100');
    expect(humanMessage('Chat not found')).toBe('Chat not found');
  });
});

describe('answers that break their own schema', () => {
  test('are a logged 500 INTERNAL that reveals nothing', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'error', pretty: false, write: (line: string) => lines.push(line) });
    const app = new Elysia({ normalize: false })
      .use(errorHandler(log))
      .get('/broken', () => ({ secret: 'leaked value' }) as unknown as { id: string }, { response: { 200: t.Object({ id: t.String() }) } });
    const res = await app.handle(new Request('http://local/broken'));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toMatch(/leaked|secret|Expected|schema/i);
    expect(lines.join('\n')).toContain('response does not match its schema');
  });
});

describe('oversize bodies', () => {
  test('an upload past the cap is a JSON 413 before Bun cuts the connection', async () => {
    const { client } = await signUp(server);
    const form = new FormData();
    form.append('chatId', '0123456789abcdef01234567');
    form.append('file', new Blob([new Uint8Array(UPLOAD_MAX + MULTIPART_ALLOWANCE_BYTES + 10_000)]), 'big.bin');
    const res = await client.post('/api/files', form);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'body', details: { maxBytes: UPLOAD_MAX } });
  });

  test('the widget’s 413 carries its CORS headers', async () => {
    const res = await fetch(`${server.url}/api/widget/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', origin: 'https://shop.example' },
      body: new Uint8Array(UPLOAD_MAX + MULTIPART_ALLOWANCE_BYTES + 1),
    });
    expect(res.status).toBe(413);
    // The widget's CORS names the asking page (allowed origins: empty = any site), never '*'.
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
