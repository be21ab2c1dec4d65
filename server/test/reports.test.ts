// The supervisors' reports through the real app (GET /api/dashboard/reports, /export, /setup), on
// chats made by the real services at known instants (the injected clock), in Europe/Berlin across
// the autumn DST change (Sunday 2025-10-26: 03:00 CEST → 02:00 CET, the hour 02:00 happens twice).
// Every expected figure below is worked out by hand in the comments.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ObjectId } from '../db/ids';
import type { ReportsDto, SetupDto } from '../../shared/types/dashboard';
import { manualClock } from '../clock';
import type { ChatDoc } from '../db/types';
import { assignChat, endChat, openChat } from '../services/chats';
import type { EventActor } from '../services/chat-events';
import { createContact } from '../services/contacts';
import { storeMessage } from '../services/messages';
import { TestClient, addMember, newVisitor, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';
import { chatById, openTestChat, seedOrg } from '../testing/routing';
import { waitFor } from '../testing/wait';

// Sessions are made far ahead of the chats' dates (see dashboard.test.ts for why).
const SIGN_IN = new Date('2100-01-01T12:00:00Z');
const clock = manualClock(SIGN_IN);
let server: TestServer;

const S = 1000;
const M = 60 * S;
const automation: EventActor = { kind: 'automation', id: null, name: null };
const RANGE = '?from=2025-10-25&to=2025-10-27';
type Member = Awaited<ReturnType<typeof addMember>>;

interface Plan {
  team: string;
  contact: ObjectId;
  at: string;
  agent?: Member;
  firstResponseMs?: number;
  endMs?: number;
  /** Who ends it (default: automation). */
  endedBy?: 'contact' | 'automation' | Member;
  /** Agents whose unresponsive-agent timer fired on this chat. */
  timedOut?: Member[];
  rating?: number;
}

async function makeChat(orgId: string, plan: Plan): Promise<ChatDoc> {
  const ctx = server.ctx;
  const start = new Date(plan.at).getTime();
  clock.set(new Date(start));
  let chat = await openChat(ctx, { orgId: new ObjectId(orgId), contactId: plan.contact, teamId: new ObjectId(plan.team), channel: 'web' });
  await storeMessage(ctx, { chat, author: { kind: 'contact', id: chat.contactId, name: null }, text: 'Hello?' });
  if (plan.agent) {
    clock.set(new Date(start + 100));
    chat = await assignChat(ctx, { orgId: chat.orgId, chat, actor: null, eventActor: automation, agentId: plan.agent.user.id });
  }
  if (plan.firstResponseMs !== undefined) {
    clock.set(new Date(start + plan.firstResponseMs));
    chat = (await storeMessage(ctx, { chat, author: { kind: 'agent', id: new ObjectId(plan.agent!.user.id), name: plan.agent!.user.name }, text: 'Hi!' })).chat;
  }
  const repos = orgRepos(server, orgId);
  // What the unresponsive-agent job records (routing/unresponsive.ts), written directly.
  for (const m of plan.timedOut ?? []) await repos.chats.updateOne({ _id: chat._id }, { $addToSet: { unresponsiveAgentIds: new ObjectId(m.user.id) } });
  if (plan.endMs !== undefined) {
    clock.set(new Date(start + plan.endMs));
    const by = plan.endedBy ?? 'automation';
    const eventActor: EventActor =
      by === 'contact' ? { kind: 'contact', id: chat.contactId, name: null } : by === 'automation' ? automation : { kind: 'agent', id: new ObjectId(by.user.id), name: by.user.name };
    chat = await endChat(ctx, { orgId: chat.orgId, chat, eventActor });
  }
  // Ratings are not built yet: the `rating: { score }` another feature will store, written past the
  // schema (which would strip a field it does not know) straight through the driver.
  if (plan.rating !== undefined) {
    const raw = (repos.chats as unknown as { model: { collection: { updateOne(f: object, u: object): Promise<unknown> } } }).model.collection;
    await raw.updateOne({ _id: chat._id }, { $set: { rating: { score: plan.rating } } });
  }
  return chat;
}

const get = async <T>(client: TestClient, path: string): Promise<T> => {
  const res = await client.get<T>(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const stats = (count: number, medianMs: number | null, p90Ms: number | null) => ({ count, medianMs, p90Ms });

/** RFC 4180 parsing, enough to read our own export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

beforeAll(async () => {
  server = await startTestServer('reports', { clock });
});
afterAll(() => server.close());

describe('reports in Europe/Berlin across the autumn DST change', () => {
  let owner: Awaited<ReturnType<typeof signUp>>;
  let inbox: string;
  let sales: string;
  let ann: Member, cid: Member, bob: Member, sue: Member;
  const chats: Record<string, ChatDoc> = {};

  beforeAll(async () => {
    clock.set(SIGN_IN);
    owner = await signUp(server, { orgName: 'Berlin' });
    const orgId: string = owner.org.id;
    inbox = owner.user.teamIds[0];
    expect((await owner.client.patch('/api/org', { timezone: 'Europe/Berlin' })).status).toBe(200);
    sales = (await owner.client.post('/api/teams', { name: 'Sales' })).body.id;
    ann = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox], name: 'Ann Inbox' });
    cid = await addMember(server, owner.client, { role: 'agent', teamIds: [inbox], name: 'Cid Inbox' });
    bob = await addMember(server, owner.client, { role: 'agent', teamIds: [sales], name: 'Bob Sales' });
    sue = await addMember(server, owner.client, { role: 'supervisor', teamIds: [sales], name: 'Sue Sales' });
    const c = async (name: string) => (await createContact(server.ctx, new ObjectId(orgId), { name }))._id;

    const plans: Record<string, Plan> = {
      // Fri 23:59:59.999 CEST, the last instant before the range (which starts 2025-10-24T22:00Z).
      before: { team: inbox, contact: await c('Before'), at: '2025-10-24T21:59:59.999Z', agent: ann, firstResponseMs: 1 * S, endMs: 1 * M },
      // Sat 10:00 CEST. A contact name a spreadsheet would run as a formula.
      a: { team: inbox, contact: await c('=HYPERLINK("http://evil.example","click")'), at: '2025-10-25T08:00:00Z', agent: ann, firstResponseMs: 30 * S, endMs: 10 * M, rating: 5 },
      // Sat 14:00 CEST: Sales queue, the bot platform takes it back after 1m unanswered → missed.
      s2: { team: sales, contact: await c('S2'), at: '2025-10-25T12:00:00Z', endMs: 1 * M },
      // Sat 23:59 CEST: auto-assigned to Ann, her timer fires, the visitor leaves after 4m → abandoned.
      ab2: { team: inbox, contact: await c('Ab2'), at: '2025-10-25T21:59:00Z', agent: ann, timedOut: [ann], endMs: 4 * M, endedBy: 'contact' },
      // Sun 02:30 CEST (first 02:30) and 02:30 CET (second 02:30): one heatmap cell.
      b: { team: inbox, contact: await c('Doe, "Jo"\nJr'), at: '2025-10-26T00:30:00Z', agent: ann, firstResponseMs: 90 * S, endMs: 20 * M, rating: 4 },
      c: { team: inbox, contact: await c('C'), at: '2025-10-26T01:30:00Z', agent: ann, firstResponseMs: 10 * S, endMs: 5 * M },
      // Sun 03:15 CET: Ann let it time out, Cid has it, still open.
      d: { team: inbox, contact: await c('D'), at: '2025-10-26T02:15:00Z', agent: cid, timedOut: [ann], firstResponseMs: 5 * M },
      // Sun 11:00 CET: waited in the queue, Cid closed it unanswered after 8m → missed.
      m1: { team: inbox, contact: await c('M1'), at: '2025-10-26T10:00:00Z', endMs: 8 * M, endedBy: cid },
      // Sun 13:00 CET
      s1: { team: sales, contact: await c('S1'), at: '2025-10-26T12:00:00Z', agent: bob, firstResponseMs: 5 * S, endMs: 2 * M },
      // Mon 10:00 and 10:10 CET
      e: { team: inbox, contact: await c('E'), at: '2025-10-27T09:00:00Z', agent: cid, firstResponseMs: 45 * S, endMs: 15 * M },
      ab1: { team: inbox, contact: await c('Ab1'), at: '2025-10-27T09:10:00Z', endMs: 2 * M, endedBy: 'contact' },
      // Tue 00:00 CET, the first instant after the range.
      after: { team: inbox, contact: await c('After'), at: '2025-10-27T23:00:00Z', agent: ann, firstResponseMs: 1 * S, endMs: 1 * M, endedBy: 'contact' },
    };
    for (const [key, plan] of Object.entries(plans)) chats[key] = await makeChat(orgId, plan);
    clock.set(new Date('2025-10-29T12:00:00Z'));
  });

  test('owner: per-agent table over all teams', async () => {
    const r = await get<ReportsDto>(owner.client, `/api/dashboard/reports${RANGE}`);
    expect(r.range).toEqual({ from: '2025-10-25', to: '2025-10-27', timezone: 'Europe/Berlin', start: '2025-10-24T22:00:00.000Z', end: '2025-10-27T23:00:00.000Z' });
    expect(r.teams.map((t) => t.name)).toEqual(['Inbox', 'Sales']);
    expect(r.hasRatings).toBe(true);
    const row = (name: string) => r.agents.find((a) => a.agent.name === name);
    // Ann: a, ab2, b, c. First responses 10s 30s 90s (ab2 unanswered): median rank ⌈1.5⌉ = 2 → 30s,
    // p90 rank ⌈2.7⌉ = 3 → 90s. Resolutions 4m 5m 10m 20m: median rank 2 → 5m, p90 rank ⌈3.6⌉ = 4 → 20m.
    // Missed: ab2 and d timed out on her. Ratings 5 and 4 → 4.5.
    expect(row('Ann Inbox')).toEqual({ agent: { id: ann.user.id, name: 'Ann Inbox' }, chats: 4, firstResponse: stats(3, 30 * S, 90 * S), resolution: stats(4, 5 * M, 20 * M), missed: 2, rating: { count: 2, average: 4.5 } });
    // Cid: d (5m, open) and e (45s, 15m). m1 he ended unassigned is not his.
    expect(row('Cid Inbox')).toEqual({ agent: { id: cid.user.id, name: 'Cid Inbox' }, chats: 2, firstResponse: stats(2, 45 * S, 5 * M), resolution: stats(1, 15 * M, 15 * M), missed: 0, rating: null });
    expect(row('Bob Sales')).toEqual({ agent: { id: bob.user.id, name: 'Bob Sales' }, chats: 1, firstResponse: stats(1, 5 * S, 5 * S), resolution: stats(1, 2 * M, 2 * M), missed: 0, rating: null });
    // Idle members are listed too, busiest first, then by name.
    expect(r.agents.map((a) => [a.agent.name, a.chats])).toEqual([['Ann Inbox', 4], ['Cid Inbox', 2], ['Bob Sales', 1], ['Olivia Owner', 0], ['Sue Sales', 0]]);
  });

  test('owner: missed and abandoned chats, counted and listed newest first', async () => {
    const r = await get<ReportsDto>(owner.client, `/api/dashboard/reports${RANGE}`);
    // missed: s2 (bot took it back), m1 (Cid closed it); abandoned: ab2, ab1 (the visitor left).
    expect({ missed: r.unanswered.missed, abandoned: r.unanswered.abandoned }).toEqual({ missed: 2, abandoned: 2 });
    expect(r.unanswered.chats.map((u) => [u.id, u.kind, u.endedBy, u.waitedMs])).toEqual([
      [chats.ab1!._id.toString(), 'abandoned', 'contact', 2 * M], // ended 10-27 09:12Z
      [chats.m1!._id.toString(), 'missed', 'agent', 8 * M], // 10-26 10:08Z
      [chats.ab2!._id.toString(), 'abandoned', 'contact', 4 * M], // 10-25 22:03Z
      [chats.s2!._id.toString(), 'missed', 'automation', 1 * M], // 10-25 12:01Z
    ]);
    const ab2 = r.unanswered.chats[2]!;
    expect(ab2.agent).toEqual({ id: ann.user.id, name: 'Ann Inbox' });
    expect(ab2.team.name).toBe('Inbox');
    expect(ab2.contact.name).toBe('Ab2');
  });

  test('owner: busiest hours by local weekday × hour, the doubled 02:00 included', async () => {
    const r = await get<ReportsDto>(owner.client, `/api/dashboard/reports${RANGE}`);
    expect(r.heatmap.weekdays).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    const cells: Record<string, number> = {};
    r.heatmap.counts.forEach((hours, day) => hours.forEach((n, hour) => n > 0 && (cells[`${r.heatmap.weekdays[day]} ${hour}`] = n)));
    expect(cells).toEqual({
      'sat 10': 1, // a 08:00Z = 10:00 CEST
      'sat 14': 1, // s2 12:00Z = 14:00 CEST
      'sat 23': 1, // ab2 21:59Z = 23:59 CEST
      'sun 2': 2, // b 00:30Z = 02:30 CEST, c 01:30Z = 02:30 CET
      'sun 3': 1, // d 02:15Z = 03:15 CET
      'sun 11': 1, // m1 10:00Z = 11:00 CET (12 at CEST)
      'sun 13': 1, // s1 12:00Z = 13:00 CET
      'mon 10': 2, // e 09:00Z, ab1 09:10Z
    });
    expect(r.heatmap.max).toBe(2);
  });

  test('a supervisor sees only the teams they belong to; no ratings there, so none shown', async () => {
    const r = await get<ReportsDto>(sue.client, `/api/dashboard/reports${RANGE}`);
    expect(r.teams.map((t) => t.name)).toEqual(['Sales']);
    expect(r.agents.map((a) => [a.agent.name, a.chats])).toEqual([['Bob Sales', 1], ['Sue Sales', 0]]);
    expect(r.hasRatings).toBe(false);
    expect({ missed: r.unanswered.missed, abandoned: r.unanswered.abandoned }).toEqual({ missed: 1, abandoned: 0 });
    expect(r.unanswered.chats.map((u) => u.id)).toEqual([chats.s2!._id.toString()]);
    expect(r.heatmap.counts.flat().reduce((a, b) => a + b, 0)).toBe(2);
    // Another team's id is refused like an unknown one.
    const other = await sue.client.get(`/api/dashboard/reports${RANGE}&teamId=${inbox}`);
    expect(other.status).toBe(400);
    expect(other.body.error.field).toBe('query.teamId');
  });

  test('the owner can narrow to one team', async () => {
    const r = await get<ReportsDto>(owner.client, `/api/dashboard/reports${RANGE}&teamId=${sales}`);
    expect(r.teamId).toBe(sales);
    expect(r.agents.map((a) => a.agent.name)).toEqual(['Bob Sales', 'Sue Sales']);
  });

  test('agents get no reports and no export', async () => {
    expect((await ann.client.get(`/api/dashboard/reports${RANGE}`)).status).toBe(403);
    expect((await ann.client.get(`/api/dashboard/export${RANGE}`)).status).toBe(403);
  });

  test('bad input is a 400 naming the field', async () => {
    const res = await owner.client.get('/api/dashboard/reports?from=2024-01-01&to=2025-06-01');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('query.from');
    const bad = await owner.client.get('/api/dashboard/export?from=nope');
    expect(bad.status).toBe(400);
  });

  test('CSV export: headers, one row per chat of the range, local times with offsets, escaping', async () => {
    const res = await owner.client.get<string>(`/api/dashboard/export${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="chats-2025-10-25-to-2025-10-27.csv"');
    expect(res.headers.get('x-total-count')).toBe('10');
    // (The byte order mark is checked on the raw bytes below: text() drops it.)
    const text = res.body;
    // The formula is defused (leading apostrophe) and quoted (it holds quotes and a comma).
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    // The comma, the quotes and the newline of a name stay inside one quoted field.
    expect(text).toContain('"Doe, ""Jo""\nJr"');
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['chat_id', 'started_at', 'ended_at', 'team', 'contact_name', 'contact_email', 'agent', 'status', 'channel', 'first_response_seconds', 'resolution_seconds', 'outcome', 'ended_by', 'timed_out_agents', 'rating']);
    expect(rows.length).toBe(10);
    const byId = new Map(rows.map((r) => [r[0], r]));
    // In order of start: a, s2, ab2, b, c, d, m1, s1, e, ab1.
    expect(rows.map((r) => r[0])).toEqual(['a', 's2', 'ab2', 'b', 'c', 'd', 'm1', 's1', 'e', 'ab1'].map((k) => chats[k]!._id.toString()));
    expect(byId.get(chats.a!._id.toString())).toEqual([
      chats.a!._id.toString(), '2025-10-25T10:00:00+02:00', '2025-10-25T10:10:00+02:00', 'Inbox', `'=HYPERLINK("http://evil.example","click")`, '', 'Ann Inbox', 'ended', 'web', '30', '600', 'answered', 'automation', '0', '5',
    ]);
    expect(byId.get(chats.b!._id.toString())!.slice(1, 5)).toEqual(['2025-10-26T02:30:00+02:00', '2025-10-26T02:50:00+02:00', 'Inbox', 'Doe, "Jo"\nJr']);
    // c starts 01:30Z, after the switch: the second 02:30, at +01:00.
    expect(byId.get(chats.c!._id.toString())![1]).toBe('2025-10-26T02:30:00+01:00');
    expect(byId.get(chats.d!._id.toString())!.slice(7)).toEqual(['assigned', 'web', '300', '', 'open', '', '1', '']);
    expect(byId.get(chats.ab2!._id.toString())!.slice(9)).toEqual(['', '240', 'abandoned', 'contact', '1', '']);
    expect(byId.get(chats.m1!._id.toString())!.slice(6, 13)).toEqual(['', 'ended', 'web', '', '480', 'missed', 'agent']);
  });

  test('CSV export of a supervisor: their teams only', async () => {
    const res = await sue.client.get<string>(`/api/dashboard/export${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('2');
    const rows = parseCsv(res.body).slice(1);
    expect(rows.map((r) => r[0])).toEqual([chats.s2!._id.toString(), chats.s1!._id.toString()]);
  });
});

test('a large export streams in batches from a cursor, every row once', async () => {
  clock.set(SIGN_IN);
  const owner = await signUp(server, { orgName: 'Big export' });
  const orgId: string = owner.org.id;
  const repos = orgRepos(server, orgId);
  const contact = await createContact(server.ctx, new ObjectId(orgId), { name: 'Bulk' });
  const base = new Date('2025-06-10T08:00:00Z').getTime();
  const N = 650;
  await repos.chats.insertMany(
    Array.from({ length: N }, (_, i) => ({ contactId: contact._id, teamId: new ObjectId(owner.user.teamIds[0]), status: 'ended', channel: 'web', createdAt: new Date(base + i * 1000), endedAt: new Date(base + i * 1000 + 60_000) })),
  );
  clock.set(new Date('2025-06-12T12:00:00Z'));
  const res = await fetch(`${server.url}/api/dashboard/export?from=2025-06-10&to=2025-06-10`, { headers: { cookie: owner.client.cookieHeader } });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-total-count')).toBe(String(N));
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    // The byte order mark first, so Excel reads UTF-8.
    if (chunks === 0) expect([...value.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    chunks++;
    text += decoder.decode(value, { stream: true });
  }
  const rows = parseCsv(text).slice(1);
  expect(rows.length).toBe(N);
  expect(new Set(rows.map((r) => r[0])).size).toBe(N);
  // Header + ⌈650 / 200⌉ = 4 batches: the rows did not come as one piece.
  expect(chunks).toBeGreaterThanOrEqual(4);
});

test('the first-run checklist ticks each step from real data', async () => {
  clock.set(SIGN_IN);
  const owner = await signUp(server, { orgName: 'Fresh' });
  const done = async () => (await get<SetupDto>(owner.client, '/api/dashboard/setup'));
  const steps = (s: SetupDto) => Object.fromEntries(s.steps.map((x) => [x.step, x.done]));
  const fresh = await done();
  expect(steps(fresh)).toEqual({ install_widget: false, invite_teammate: false, set_team_hours: false });
  expect(fresh.hasChats).toBe(false);

  expect((await owner.client.post('/api/invitations', { email: `mate-${Date.now()}@example.test`, role: 'agent', teamIds: [] })).status).toBe(201);
  expect(steps(await done())).toEqual({ install_widget: false, invite_teammate: true, set_team_hours: false });

  const schedule = { timezone: 'UTC', weekly: { mon: [{ start: '09:00', end: '17:00' }] }, exceptions: [] };
  expect((await owner.client.patch(`/api/teams/${owner.user.teamIds[0]}`, { schedule })).status).toBe(200);
  expect(steps(await done())).toEqual({ install_widget: false, invite_teammate: true, set_team_hours: true });

  const visitor = await newVisitor(server, owner.org.widgetKey);
  expect(steps(await done())).toEqual({ install_widget: true, invite_teammate: true, set_team_hours: true });
  await visitor.startChat();
  expect((await done()).hasChats).toBe(true);
});

test("the real unresponsive-agent job's record counts as the agent's missed chat", async () => {
  // Its own server on the wall clock: the Agenda job comes due for real (timeout 0.5 s, set in
  // the database as routing-unresponsive.test.ts does; the API's minimum is 10 s).
  const live = await startTestServer('reports-unresponsive');
  try {
    const org = await seedOrg(live, { agents: 2, team: { unresponsiveStrategy: 'reassign', unresponsiveTimeoutSeconds: 0.5 } });
    const chat = await openTestChat(live.ctx, org);
    const [first, second] = [org.agents[0]!.id.toString(), org.agents[1]!.id.toString()];
    expect(chat.assigneeId!.toString()).toBe(first);
    await waitFor(async () => ((await chatById(live.ctx, org, chat._id))?.assigneeId?.toString() === second ? true : null), { what: 'the reassignment' });
    const r = (await org.owner.get<ReportsDto>('/api/dashboard/reports')).body;
    const row = (id: string) => r.agents.find((a) => a.agent.id === id);
    // The chat is the second agent's now; the first let it time out.
    expect([row(first)?.chats, row(first)?.missed]).toEqual([0, 1]);
    expect([row(second)?.chats, row(second)?.missed]).toEqual([1, 0]);
  } finally {
    await live.close();
  }
});
