// The OpenAPI document of the real app: every console and widget operation documents its
// success answer with a schema (and its errors with the shared ErrorBody), like the v1 routes.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { startTestServer, type TestServer } from '../../testing/harness';
import { SPEC_PATH } from './index';

/** Answers that are not JSON: file downloads (the stored bytes, served as attachments) and the CSV export. */
const NOT_JSON = new Set(['get /api/files/{id}', 'get /api/widget/files/{id}', 'get /api/v1/files/{id}', 'get /api/dashboard/export']);

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }>; type?: string }>;
}
type Doc = { paths: Record<string, Record<string, Operation>> };

let server: TestServer;
let doc: Doc;

beforeAll(async () => {
  server = await startTestServer('openapi');
  doc = (await (await fetch(`${server.url}${SPEC_PATH}`)).json()) as Doc;
});
afterAll(async () => {
  await server.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method} ${path}`, path, op })));

test('the document lists the console, widget and v1 routes', () => {
  const keys = operations().map((o) => o.key);
  for (const key of ['post /api/auth/signup', 'get /api/chats/', 'patch /api/me', 'get /api/widget/config', 'post /api/v1/chats', 'get /api/dashboard']) {
    expect(keys).toContain(key);
  }
  expect(keys.filter((k) => / \/api\/(?!v1\/)/.test(k)).length).toBeGreaterThan(50);
});

test('every API operation has a schema for its 2xx answer', () => {
  const missing: string[] = [];
  for (const { key, path, op } of operations()) {
    if (!path.startsWith('/api/') || NOT_JSON.has(key)) continue;
    const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
    const documented = success.some(([status, r]) => status === '204' || r.content?.['application/json']?.schema !== undefined);
    if (!documented) missing.push(key);
  }
  expect(missing).toEqual([]);
});

test('errors are documented with the one ErrorBody schema', () => {
  for (const { key, path, op } of operations()) {
    if (!path.startsWith('/api/') || NOT_JSON.has(key)) continue;
    const error = op.responses?.['400'] ?? op.responses?.['401'];
    expect({ key, documented: error?.content?.['application/json']?.schema !== undefined }).toEqual({ key, documented: true });
  }
});

test('downloads, the only exemptions, still exist', () => {
  const keys = new Set(operations().map((o) => o.key));
  for (const key of NOT_JSON) expect(keys.has(key)).toBe(true);
});
