// The exported `type App` carries the contract end to end: Eden's treaty client infers each
// route's body and answer types from the same shared schemas the server validates with.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { treaty } from '@elysiajs/eden';
import type { App } from '../../app';
import type { MemberDto, OrgDto } from '../../../shared/types/dto';
import { startTestServer, uniqueEmail, type TestServer } from '../../testing/harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('eden');
});
afterAll(async () => {
  await server.close();
});

test('signup and the widget config answer the contract’s types', async () => {
  const api = treaty<App>(server.url);
  const signup = await api.api.auth.signup.post({ orgName: 'Eden Co', name: 'Eve', email: uniqueEmail('eden'), password: 'long enough 1' });
  expect(signup.status).toBe(201);
  const session: { user: MemberDto; org: OrgDto } | null = signup.data;
  expect(session?.user.role).toBe('owner');

  const config = await api.api.widget.config.get({ query: { org: session!.org.widgetKey } });
  const title: string | undefined = config.data?.widget.title;
  expect(typeof title).toBe('string');

  const refused = await api.api.auth.signup.post({ orgName: 'Eden Co', name: ' ', email: 'nope', password: 'x' });
  expect(refused.status).toBe(400);
  expect(refused.error?.value).toMatchObject({ error: { code: 'VALIDATION' } });
});
