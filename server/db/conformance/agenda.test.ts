import { afterAll, beforeAll, expect, test } from 'bun:test';
import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, type Job } from 'agenda';
import { type Target, openTarget } from './harness.ts';

let t: Target;
const running: Agenda[] = [];
beforeAll(async () => {
  t = await openTarget('agenda');
});
afterAll(async () => {
  await Promise.all(running.map((a) => a.stop(false)));
  await t.stop();
});

function newAgenda(): Agenda {
  // processEvery must be a number of ms: Agenda 6 misreads strings like '100 milliseconds'.
  const agenda = new Agenda({ backend: new MongoBackend({ mongo: t.db, collection: 'jobs' }), processEvery: 100 });
  running.push(agenda);
  return agenda;
}

/** Resolves with the job the first time `name` completes successfully. */
function nextSuccess(agenda: Agenda, name: string, timeoutMs: number): Promise<Job> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not run within ${timeoutMs} ms`)), timeoutMs);
    agenda.once(`success:${name}`, (job) => {
      clearTimeout(timer);
      resolve(job as Job);
    });
    agenda.once(`fail:${name}`, (err) => {
      clearTimeout(timer);
      reject(err instanceof Error ? err : new Error(String(err)));
    });
  });
}

test('runs a job scheduled one second ahead', async () => {
  const agenda = newAgenda();
  const seen: unknown[] = [];
  agenda.define('greet', async (job: Job<{ who: string }>) => {
    seen.push(job.attrs.data.who);
  });
  await agenda.start();
  const scheduledAt = Date.now();
  const done = nextSuccess(agenda, 'greet', 5_000);
  await agenda.schedule(new Date(scheduledAt + 1_000), 'greet', { who: 'world' });
  await done;
  expect(Date.now() - scheduledAt).toBeGreaterThanOrEqual(950);
  expect(seen).toEqual(['world']);
  await agenda.stop(false);
});

test('a job scheduled before an Agenda restart runs after it', async () => {
  const first = newAgenda();
  first.define('remind', async () => {
    throw new Error('the first instance must not run this job');
  });
  await first.start();
  await first.schedule(new Date(Date.now() + 700), 'remind', { chatId: 'c1' });
  await first.stop(false);
  expect(await t.db.collection('jobs').countDocuments({ name: 'remind', lockedAt: null })).toBe(1);

  const second = newAgenda();
  const ran: unknown[] = [];
  second.define('remind', async (job: Job<{ chatId: string }>) => {
    ran.push(job.attrs.data.chatId);
  });
  const done = nextSuccess(second, 'remind', 5_000);
  await second.start();
  await done;
  expect(ran).toEqual(['c1']);
  await second.stop(false);
});
