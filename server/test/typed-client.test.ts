// Issue 16.10: a typed client generated from the served OpenAPI document works. The document is
// fetched from the real server, turned into TypeScript with openapi-typescript (the command in
// README's API section does the same), and a small client written ONLY against those generated
// types is type-checked with the TypeScript compiler and then run against the server: handoff →
// relay a message → set a contact field → end → login link. A deliberately wrong body must not
// compile, so the check can fail.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { createKey } from '../../e2e/simulator/fixtures';
import { signUp, startTestServer, type TestServer } from '../testing/harness';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer('typed_client');
  dir = mkdtempSync(join(tmpdir(), 'phoenix-typed-client-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await server.close();
});

/** The client program: plain fetch, every body and answer typed by the generated `paths`. */
const CLIENT = `import type { components, paths } from './api';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type HandoffBody = Json<paths['/api/v1/chats']['post']['requestBody']>;
type HandoffAnswer = Json<paths['/api/v1/chats']['post']['responses'][201]>;
type RelayBody = Json<paths['/api/v1/chats/{id}/messages']['post']['requestBody']>;
type RelayAnswer = Json<paths['/api/v1/chats/{id}/messages']['post']['responses'][201]>;
type FieldBody = Json<paths['/api/v1/contacts/{id}/fields/{key}']['put']['requestBody']>;
type FieldAnswer = Json<paths['/api/v1/contacts/{id}/fields/{key}']['put']['responses'][200]>;
type EndAnswer = Json<paths['/api/v1/chats/{id}/end']['post']['responses'][200]>;
type LoginLinkBody = Json<paths['/api/v1/login-links']['post']['requestBody']>;
type LoginLinkAnswer = Json<paths['/api/v1/login-links']['post']['responses'][201]>;
type ApiError = components['schemas']['Error'];
type ChatId = paths['/api/v1/chats/{id}/end']['post']['parameters']['path']['id'];

export interface Journey {
  handoff: HandoffAnswer;
  relayed: RelayAnswer;
  contact: FieldAnswer;
  ended: EndAnswer;
  link: LoginLinkAnswer;
  notFound: ApiError;
}

export async function run(baseUrl: string, apiKey: string, memberEmail: string): Promise<Journey> {
  async function call<A>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<A> {
    const headers: Record<string, string> = { authorization: 'Bearer ' + apiKey };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    const res = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = (await res.json()) as A;
    if (!res.ok && res.status !== 404) throw new Error(method + ' ' + path + ': ' + res.status + ' ' + JSON.stringify(answer));
    return answer;
  }
  const handoffBody: HandoffBody = {
    handoffId: 'typed-client-1',
    contact: { botUserId: 'tc-1', channel: 'web', name: 'Tia Typed', customFields: [{ key: 'plan', type: 'string', value: 'pro' }] },
    transcript: [{ author: 'contact', text: 'I need a human' }],
  };
  const handoff = await call<HandoffAnswer>('POST', '/api/v1/chats', handoffBody, 'typed-client-handoff');
  const chatId: ChatId = handoff.chat.id;
  const relayBody: RelayBody = { text: 'Still there?', clientId: 'tc-msg-1' };
  const relayed = await call<RelayAnswer>('POST', '/api/v1/chats/' + chatId + '/messages', relayBody);
  const fieldBody: FieldBody = { type: 'number', value: 42 };
  const contact = await call<FieldAnswer>('PUT', '/api/v1/contacts/' + handoff.contact.id + '/fields/orders', fieldBody);
  const ended = await call<EndAnswer>('POST', '/api/v1/chats/' + chatId + '/end');
  const linkBody: LoginLinkBody = { email: memberEmail };
  const link = await call<LoginLinkAnswer>('POST', '/api/v1/login-links', linkBody);
  const notFound = await call<ApiError>('GET', '/api/v1/chats/000000000000000000000000');
  return { handoff, relayed, contact, ended, link, notFound };
}
`;

/** Wrong on purpose: a number where the handoffId string belongs, and an unknown key. */
const WRONG = `import type { paths } from './api';
type HandoffBody = paths['/api/v1/chats']['post']['requestBody']['content']['application/json'];
export const wrongType: HandoffBody = { handoffId: 42, contact: { botUserId: 'x', channel: 'web' } };
export const unknownKey: HandoffBody = { handoffId: 'h-1', contact: { botUserId: 'x', channel: 'web' }, priority: 'high' };
`;

interface JourneyView {
  handoff: { chat: { handoffId?: string | null } };
  relayed: { text: string };
  contact: { customFields: unknown[] };
  ended: { status: string };
  link: { url: string };
  notFound: { error: { code: string } };
}

function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

test('a client generated from /docs/json type-checks and runs the handoff journey; a wrong body does not compile', async () => {
  const owner = await signUp(server, { orgName: 'Typed Client Co' });
  const { key } = await createKey(owner.client);

  const doc = (await (await fetch(`${server.url}/docs/json`)).json()) as Parameters<typeof openapiTS>[0];
  writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(doc)));
  writeFileSync(join(dir, 'client.ts'), CLIENT);
  writeFileSync(join(dir, 'wrong.ts'), WRONG);

  expect(typeErrors(join(dir, 'client.ts'))).toEqual([]);
  const wrong = typeErrors(join(dir, 'wrong.ts')).join('\n');
  expect(wrong).toContain("Type 'number' is not assignable to type 'string'");
  expect(wrong).toContain('priority');

  // The generated program's own types were checked above; here only what the test reads.
  const client = (await import(join(dir, 'client.ts'))) as { run(baseUrl: string, apiKey: string, email: string): Promise<JourneyView> };
  const journey = await client.run(server.url, key, owner.email);
  expect(journey.handoff.chat.handoffId).toBe('typed-client-1');
  expect(journey.relayed.text).toBe('Still there?');
  expect(journey.contact.customFields).toEqual(expect.arrayContaining([{ key: 'orders', type: 'number', value: 42 }]));
  expect(journey.ended.status).toBe('ended');
  expect(journey.link.url).toStartWith('http://phoenix.test/');
  expect(journey.notFound.error.code).toBe('NOT_FOUND');
}, 30_000);
