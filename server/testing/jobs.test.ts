import { afterAll, beforeAll, expect, test } from 'bun:test';
import { startTestServer, type TestServer } from './harness';
import { jobsNamed } from './jobs';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('testing-jobs');
});
afterAll(() => server.close());

test('jobsNamed finds pending jobs by name and partial data, and only those', async () => {
  const later = new Date(Date.now() + 3_600_000);
  await server.ctx.jobs.schedule(later, 'testing.noop', { chatId: 'c1', userId: 'u1' });
  await server.ctx.jobs.schedule(later, 'testing.noop', { chatId: 'c2', userId: 'u1' });
  expect((await jobsNamed(server, 'testing.noop', { chatId: 'c1' })).map((j) => j.data)).toEqual([{ chatId: 'c1', userId: 'u1' }]);
  expect(await jobsNamed(server, 'testing.noop', { userId: 'u1' })).toHaveLength(2);
  expect(await jobsNamed(server, 'testing.noop', { chatId: 'c3' })).toHaveLength(0);
  expect(await jobsNamed(server, 'testing.other', { chatId: 'c1' })).toHaveLength(0);
  expect(await server.ctx.jobs.cancel('testing.noop', { chatId: 'c1' })).toBe(1);
  expect(await jobsNamed(server, 'testing.noop', { chatId: 'c1' })).toHaveLength(0);
});
