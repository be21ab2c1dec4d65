// The demo seeder (scripts/seed-demo.ts, PHOENIX_SEED_DEMO): realistic, consistent, once.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { DashboardDto } from '../../../shared/types/dashboard';
import { manualClock } from '../../clock';
import { seedDemoData, type SeedResult } from '../../services/demo-data';
import { DEMO_OWNER } from '../../services/demo';
import { TestClient, orgRepos, startTestServer, type TestServer } from '../../testing/harness';

// Far ahead of the wall clock, so the stand-in's TTL sweep never takes the session.
const NOW = new Date('2100-03-10T16:00:00Z');
const clock = manualClock(NOW);
let server: TestServer;
let seeded: SeedResult;

beforeAll(async () => {
  server = await startTestServer('demo-data', { clock });
  seeded = await seedDemoData(server.ctx, { days: 10, scale: 0.6 });
}, 60_000);
afterAll(() => server.close());

test('teams, agents, contacts and chats with messages, through the services', async () => {
  expect(seeded.skipped).toBe(false);
  expect(seeded.teams).toBe(3);
  expect(seeded.agents).toBe(5);
  expect(seeded.chats).toBeGreaterThan(20);
  expect(seeded.contacts).toBeLessThan(seeded.chats);
  const db = orgRepos(server, seeded.orgId);
  const chats = await db.chats.find();
  expect(chats).toHaveLength(seeded.chats);
  expect(await db.messages.count()).toBe(seeded.messages);
  for (const chat of chats) {
    expect(chat.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    // seq: 1..lastSeq without gaps, createdAt in seq order.
    const messages = await db.messages.find({ chatId: chat._id }, { sort: { seq: 1 } });
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: chat.lastSeq }, (_, i) => i + 1));
    for (let i = 1; i < messages.length; i += 1) expect(messages[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(messages[i - 1]!.createdAt.getTime());
    if (chat.firstResponseAt) {
      const wait = chat.firstResponseAt.getTime() - chat.createdAt.getTime();
      expect(wait).toBeGreaterThanOrEqual(10_000);
      expect(wait).toBeLessThanOrEqual(300_000);
      expect(messages.find((m) => m.author?.kind === 'agent')!.createdAt).toEqual(chat.firstResponseAt);
    }
    if (chat.endedAt && chat.firstResponseAt) {
      const took = chat.endedAt.getTime() - chat.createdAt.getTime();
      expect(took).toBeGreaterThanOrEqual(120_000);
      expect(took).toBeLessThanOrEqual(40 * 60_000);
    }
  }
  // Some contacts come back.
  const counts = await db.contacts.find({}, { projection: { chatCount: 1 } });
  expect(counts.some((c) => (c.chatCount ?? 0) > 1)).toBe(true);
});

test('the dashboard shows it; seeding again does nothing', async () => {
  const owner = new TestClient(server.url);
  expect((await owner.post('/api/auth/login', { email: DEMO_OWNER.email, password: seeded.password! })).status).toBe(200);
  const res = await owner.get<DashboardDto>('/api/dashboard?from=2100-03-01&to=2100-03-10');
  expect(res.status).toBe(200);
  expect(res.body.totals.chats).toBe(seeded.chats);
  expect(res.body.contacts.new).toBe(seeded.contacts);
  expect(res.body.teams.map((t) => t.name).sort()).toEqual(['Inbox', 'Sales', 'Support']);
  expect(res.body.recent).toHaveLength(10);
  // 2100-03-06 and -07 are a weekend: quieter than any weekday.
  const byDate = new Map(res.body.days.map((d) => [d.date, d.chats]));
  expect(Math.max(byDate.get('2100-03-06')!, byDate.get('2100-03-07')!)).toBeLessThan(Math.min(byDate.get('2100-03-08')!, byDate.get('2100-03-09')!));
  const again = await seedDemoData(server.ctx, { days: 10 });
  expect(again.skipped).toBe(true);
  expect(await orgRepos(server, seeded.orgId).chats.count()).toBe(seeded.chats);
});
