// Team hours and personal hours with Agenda jobs on the real scheduler. Each test runs a server
// whose clock starts 1.5 s before Monday 09:00 UTC and runs at real speed, so the job for the
// 09:00 opening comes due 1.5 s later in real time.
import { afterAll, afterEach, beforeAll, expect, test } from 'bun:test';
import type { Clock } from '../clock';
import { JOB } from '../jobs/names';
import { testDatabase, type TestDatabase } from '../testing/database';
import { newVisitor, startTestServer, type TestServer } from '../testing/harness';
import { jobsNamed } from '../testing/jobs';
import { chatById, loginAgent, offsetClock, openTestChat, seedOrg } from '../testing/routing';
import { waitFor } from '../testing/wait';

const BEFORE_OPENING = new Date('2030-01-07T08:59:58.500Z'); // a Monday
const WEEKDAYS_9_TO_5 = {
  timezone: 'UTC',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]])),
  exceptions: [],
};
const AFTER_HOURS = 'We are closed right now; we open at 9:00.';

let db: TestDatabase;
const running: TestServer[] = [];
beforeAll(async () => {
  db = await testDatabase('routing-hours');
});
// Each test's servers stop with it, so no instance with another test's clock picks up its jobs.
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});
afterAll(() => db.stop());

async function serverAt(clock: Clock): Promise<TestServer> {
  const s = await startTestServer('routing-hours', { database: db, clock });
  running.push(s);
  return s;
}

test('after hours: the visitor gets the message at once; the opening drains the queue oldest first', async () => {
  const server = await serverAt(offsetClock(BEFORE_OPENING));
  const { ctx } = server;
  const org = await seedOrg(server, { agents: 2, team: { schedule: WEEKDAYS_9_TO_5, afterHoursMessage: AFTER_HOURS } });

  // A visitor through the widget API gets the after-hours message right after their first message.
  const visitor = await newVisitor(server, org.widgetKey);
  const first = await visitor.startChat();
  await visitor.say(first.id, 'Hello?');
  const seen = await visitor.client.get(`/api/widget/chats/${first.id}/messages`);
  expect(seen.body.items.map((m: { author: { kind: string }; text: string }) => [m.author.kind, m.text])).toEqual([['contact', 'Hello?'], ['system', AFTER_HOURS]]);
  const second = await openTestChat(ctx, org);
  const third = await openTestChat(ctx, org);
  expect((await chatById(ctx, org, first.id))!.status).toBe('unassigned');
  // One job for the opening, however many chats wait for it.
  expect(await jobsNamed(server, JOB.teamDrain, { teamId: org.teamId.toString() })).toHaveLength(1);

  const assigned = await waitFor(
    async () => {
      const chats = await Promise.all([first.id, second._id, third._id].map((id) => chatById(ctx, org, id)));
      return chats.every((c) => c?.status === 'assigned') ? chats : null;
    },
    { what: 'the opening drain' },
  );
  // Oldest first: A, B, then A again.
  expect(assigned.map((c) => c!.assigneeId!.toString())).toEqual([org.agents[0]!.id, org.agents[1]!.id, org.agents[0]!.id].map(String));
  expect(assigned.every((c) => c!.assignedAt!.getTime() >= new Date('2030-01-07T09:00:00Z').getTime())).toBe(true);
}, 15_000);

test('the opening job survives a restart: another instance on the same database runs it', async () => {
  const clock = offsetClock(BEFORE_OPENING);
  const first = await serverAt(clock);
  const org = await seedOrg(first, { agents: 1, team: { schedule: WEEKDAYS_9_TO_5, afterHoursMessage: AFTER_HOURS } });
  const chat = await openTestChat(first.ctx, org);
  expect(chat.status).toBe('unassigned');
  await first.stop();

  // A new process comes up later on the same data (same business time, fresh everything else).
  const second = await serverAt(offsetClock(clock.now()));
  const done = await waitFor(
    async () => {
      const c = await chatById(second.ctx, org, chat._id);
      return c?.status === 'assigned' ? c : null;
    },
    { what: 'the drain on the new instance' },
  );
  expect(done.assigneeId!.toString()).toBe(org.agents[0]!.id.toString());
}, 15_000);

test("an agent's personal hours opening offers them the waiting chats", async () => {
  const server = await serverAt(offsetClock(BEFORE_OPENING));
  const org = await seedOrg(server, { agents: 1 });
  const agent = await loginAgent(server, org.agents[0]!);
  // Setting hours through the profile publishes user.changed; routing schedules the opening.
  const saved = await agent.patch('/api/me', { schedule: WEEKDAYS_9_TO_5 });
  expect(saved.status).toBe(200);
  await waitFor(async () => (await jobsNamed(server, JOB.agentOpens, { userId: org.agents[0]!.id.toString() })).length > 0, { what: 'the opening job' });

  const chat = await openTestChat(server.ctx, org);
  expect(chat.status).toBe('unassigned');
  const done = await waitFor(
    async () => {
      const c = await chatById(server.ctx, org, chat._id);
      return c?.status === 'assigned' ? c : null;
    },
    { what: 'the agent-opening drain' },
  );
  expect(done.assigneeId!.toString()).toBe(org.agents[0]!.id.toString());
  // The chain goes on: the next opening (Tuesday 09:00) is scheduled.
  const next = await waitFor(
    async () => (await jobsNamed(server, JOB.agentOpens, { userId: org.agents[0]!.id.toString(), at: '2030-01-08T09:00:00.000Z' }))[0],
    { what: 'the next opening job' },
  );
  expect(next.data).toMatchObject({ userId: org.agents[0]!.id.toString(), at: '2030-01-08T09:00:00.000Z' });
}, 15_000);
