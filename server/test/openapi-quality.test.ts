// The served OpenAPI document is good enough to generate clients from and to read: every
// bot-facing operation (/api/v1, /api/platform/v1) has a summary and description, a camelCase
// operationId, examples that validate against their schemas, every error status with the Error
// schema, the rate-limit and Retry-After headers, integer query counts and the signing and
// Idempotency-Key headers. The document as a whole stays valid JSON Schema with resolvable $refs.
import Ajv2020 from '@redocly/ajv/dist/2020';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { SPEC_PATH } from '../modules/docs';
import { errorStatusesFor, RATE_LIMIT_RESPONSE_HEADERS } from '../modules/docs/refine';
import { BOT_OPERATIONS, isBotFacing } from '../modules/docs/operations';
import { startTestServer, type TestServer } from '../testing/harness';

interface Media {
  schema?: Record<string, unknown>;
  example?: unknown;
}
interface Op {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; schema?: Record<string, unknown> }[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { headers?: Record<string, unknown>; content?: Record<string, Media> }>;
}
interface Doc {
  info: { description: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Op>>;
  webhooks: Record<string, Record<string, Op>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

/** Answers that are not JSON (the stored bytes of a file). */
const BINARY = new Set(['get /api/v1/files/{id}']);

let server: TestServer;
let doc: Doc;

beforeAll(async () => {
  server = await startTestServer('openapi-quality');
  doc = (await (await fetch(`${server.url}${SPEC_PATH}`)).json()) as Doc;
});
afterAll(async () => {
  await server.close();
});

const all = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method} ${path}`, method, path, op })));
const bot = () => all().filter((o) => isBotFacing(o.path));

function validator() {
  // Formats are documentation here (email, date-time); the server checks them itself.
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
  ajv.addSchema({ $id: 'doc', components: doc.components } as object);
  return (schema: Record<string, unknown>, value: unknown): string | null => {
    // $refs point into the document's components: validate inside a wrapper that holds them.
    const wrapped = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as object;
    const check = ajv.compile(wrapped);
    return check(value) ? null : ajv.errorsText(check.errors);
  };
}

test('the whole document, console and widget routes included, is a valid OpenAPI 3.1 document', async () => {
  // Redocly's checker (it comes with openapi-typescript): structure, $refs, examples, ids, 2xx.
  const rules = ['struct', 'no-unresolved-refs', 'no-invalid-media-type-examples', 'no-invalid-schema-examples', 'operation-operationId-unique', 'path-parameters-defined', 'operation-2xx-response'];
  const config = await createConfig({ rules: Object.fromEntries(rules.map((rule) => [rule, 'error'])) } as Parameters<typeof createConfig>[0]);
  const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
  expect(problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`)).toEqual([]);
});

test('servers, and the webhook.test event among the webhooks', () => {
  expect(doc.servers?.[0]?.url).toBe('http://phoenix.test');
  expect(Object.keys(doc.webhooks)).toContain('webhook.test');
  expect(doc.webhooks['webhook.test']?.post?.operationId).toBe('onWebhookTest');
  for (const [event, methods] of Object.entries(doc.webhooks)) expect({ event, described: Boolean(methods.post?.summary && methods.post.description) }).toEqual({ event, described: true });
});

test('every operationId is a unique camelCase identifier; bot-facing ones are the names of operations.ts', () => {
  const ids = all().map((o) => o.op.operationId ?? '');
  expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
  expect(new Set(ids).size).toBe(ids.length);
  const unnamed = bot().filter((o) => BOT_OPERATIONS[o.key]?.operationId !== o.op.operationId).map((o) => o.key);
  expect(unnamed).toEqual([]);
  // A stale entry (route renamed or removed) fails too.
  const keys = new Set(bot().map((o) => o.key));
  expect(Object.keys(BOT_OPERATIONS).filter((k) => !keys.has(k))).toEqual([]);
});

test('every bot-facing operation has a summary and a description', () => {
  const lacking = bot().filter((o) => !o.op.summary?.trim() || !o.op.description?.trim()).map((o) => o.key);
  expect(lacking).toEqual([]);
});

test('named schemas are components used by $ref, never inlined copies', () => {
  for (const name of ['Chat', 'HandoffChat', 'Message', 'Contact', 'Member', 'Team', 'Error', 'WebhookConfig', 'WebhookDelivery', 'LoginLink', 'ApiKey', 'Handoff', 'HandoffRequest']) {
    expect({ name, present: doc.components.schemas[name] !== undefined }).toEqual({ name, present: true });
  }
  const inlined: string[] = [];
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'example' || key === 'examples') continue;
      if (key === 'title' && typeof value === 'string' && /^[A-Z][A-Za-z0-9]*$/.test(value) && 'type' in node) inlined.push(`${where}: ${value}`);
      walk(value, `${where}.${key}`);
    }
  };
  walk(doc.paths, 'paths');
  expect(inlined).toEqual([]);
  const handoff = doc.paths['/api/v1/chats']?.post?.responses?.['201']?.content?.['application/json']?.schema;
  expect(handoff).toEqual({ $ref: '#/components/schemas/Handoff' });
  // Every $ref resolves.
  const refs = JSON.stringify(doc).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
  const missing = refs.map((r) => r.slice(22, -1)).filter((name) => doc.components.schemas[name] === undefined);
  expect([...new Set(missing)]).toEqual([]);
});

test('every request body and answer of the bot-facing operations and the webhooks has an example that validates', () => {
  const validate = validator();
  const problems: string[] = [];
  const check = (where: string, media: Media | undefined) => {
    if (!media?.schema) return;
    if (media.example === undefined) return problems.push(`${where}: no example`);
    const error = validate(media.schema, media.example);
    if (error) problems.push(`${where}: ${error}`);
  };
  for (const { key, op } of bot()) {
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) if (type === 'application/json') check(`${key} body`, media);
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (BINARY.has(key) && /^2/.test(status)) continue;
      const media = response.content?.['application/json'];
      if (!media && status !== '204') problems.push(`${key} ${status}: no JSON content`);
      check(`${key} ${status}`, media);
    }
  }
  for (const [event, methods] of Object.entries(doc.webhooks)) check(`webhook ${event}`, methods.post?.requestBody?.content?.['application/json']);
  expect(problems).toEqual([]);
});

test('the examples are checked: a wrong example is reported', () => {
  const validate = validator();
  expect(validate({ $ref: '#/components/schemas/Contact' }, { id: 1 })).not.toBeNull();
  expect(validate({ $ref: '#/components/schemas/Error' }, { error: { code: 'NOT_FOUND', message: 'Not found' } })).toBeNull();
});

test('every bot-facing operation documents its error statuses with the Error schema, and the rate-limit headers', () => {
  const problems: string[] = [];
  for (const { key, path, op } of bot()) {
    for (const status of errorStatusesFor(path)) {
      const response = op.responses?.[status];
      const schema = response?.content?.['application/json']?.schema;
      if ((schema as { $ref?: string } | undefined)?.$ref !== '#/components/schemas/Error') problems.push(`${key} ${status}: not the Error schema`);
      if (status === '429' && !response?.headers?.['Retry-After']) problems.push(`${key} 429: no Retry-After`);
    }
    if (path.startsWith('/api/v1/')) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        for (const header of RATE_LIMIT_RESPONSE_HEADERS) if (!response.headers?.[header]) problems.push(`${key} ${status}: no ${header}`);
      }
    }
  }
  expect(problems).toEqual([]);
  // The body limit is stated, on the 413 and in the description.
  const handoff = doc.paths['/api/v1/chats']?.post;
  expect(handoff?.description).toContain('1048576 bytes');
  expect(JSON.stringify(handoff?.responses?.['413'])).toContain('1048576');
  expect(doc.info.description).toContain('JSON bodies of /api/v1 and /api/platform/v1 are limited to 1048576 bytes');
});

test('query counts are integers; signing headers on every v1 operation, Idempotency-Key on every v1 POST', () => {
  const problems: string[] = [];
  for (const { key, method, path, op } of bot()) {
    const params = op.parameters ?? [];
    for (const p of params) {
      if (p.in === 'query' && ['limit', 'afterSeq', 'offset', 'seq'].includes(p.name) && p.schema?.type !== 'integer') problems.push(`${key} ${p.name}: ${String(p.schema?.type)}`);
    }
    if (!path.startsWith('/api/v1/')) continue;
    const headers = new Set(params.filter((p) => p.in === 'header').map((p) => p.name));
    for (const name of ['X-Phoenix-Timestamp', 'X-Phoenix-Signature']) if (!headers.has(name)) problems.push(`${key}: no ${name}`);
    if (method === 'post' && !headers.has('Idempotency-Key')) problems.push(`${key}: no Idempotency-Key`);
  }
  expect(problems).toEqual([]);
  const messages = doc.paths['/api/v1/chats/{id}/messages']?.get?.parameters ?? [];
  expect(messages.find((p) => p.name === 'afterSeq')?.schema?.type).toBe('integer');
});
