// Helpers for routing tests: seed an organization's team and agents straight into the database
// (fast, no invitation round-trips), open chats through the real service, and wait for
// asynchronous outcomes (jobs, drains) by polling with a deadline instead of sleeping.
import { ObjectId } from '../db/ids';
import type { Clock } from '../clock';
import { loadConfig } from '../config';
import type { AppContext } from '../context';
import { createLogger } from '../logger';
import type { ChatDoc } from '../db/types';
import { createMailer, type Mailer } from '../notify/mailer';
import type { SmsSender } from '../notify/sms';
import { startServer, type RunningServer } from '../runtime';
import { openChat } from '../services/chats';
import { hashPassword } from '../services/passwords';
import { TestClient, signUp, uniqueEmail } from '../testing/harness';

/** A clock that runs at real speed from `start`: jobs due on it fire at the matching real time. */
export function offsetClock(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A server whose mailer and SMS sender the test chooses (the shared harness always captures
 * mail). `database` shares another server's database, for multi-instance and restart tests.
 */
export async function startCustomServer(opts: {
  database: { uri: string; dbName: string };
  env?: Record<string, string>;
  clock?: Clock;
  mailer?: Mailer;
  sms?: SmsSender | null;
}): Promise<RunningServer> {
  const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: 'http://phoenix.test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error', ...opts.env });
  const log = createLogger({ level: config.logLevel, pretty: true });
  return startServer({
    config,
    log,
    mailer: opts.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log }),
    ...(opts.sms !== undefined ? { sms: opts.sms } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    database: { ...opts.database, backend: 'test' },
  });
}

export interface SeededAgent {
  id: ObjectId;
  name: string;
  email: string;
}

export interface SeededOrg {
  orgId: ObjectId;
  teamId: ObjectId;
  widgetKey: string;
  owner: TestClient;
  ownerId: string;
  agents: SeededAgent[];
}

export const AGENT_PASSWORD = 'agent password 1';

/**
 * Signs up an organization, sets its Inbox team's routing settings, and adds `agents` agents in
 * that team (available, no hours, no caps unless `agent` overrides say otherwise). The owner is
 * made `away` so that only the seeded agents take chats.
 */
export async function seedOrg(
  server: { url: string; ctx: AppContext },
  opts: { agents: number; team?: Record<string, unknown>; agent?: (i: number) => Record<string, unknown> },
): Promise<SeededOrg> {
  const { ctx } = server;
  const owner = await signUp(server);
  const orgId = new ObjectId(owner.org.id as string);
  const teamId = new ObjectId(owner.user.teamIds[0] as string);
  await ctx.models.Team.updateOne({ _id: teamId }, { $set: { assignmentStrategy: 'round_robin', assignedMessage: '', ...opts.team } });
  await ctx.models.User.updateOne({ _id: owner.user.id }, { $set: { manualStatus: 'away', 'notifications.email': false } });
  const passwordHash = await hashPassword(ctx.config, AGENT_PASSWORD);
  const agents: SeededAgent[] = [];
  for (let i = 0; i < opts.agents; i++) {
    const email = uniqueEmail(`agent${i}`);
    const name = `Agent ${String.fromCharCode(65 + i)}`;
    const created = await ctx.models.User.create({
      orgId,
      email,
      name,
      passwordHash,
      role: 'agent',
      teamIds: [teamId],
      notifications: { email: false, sms: false, sound: true },
      createdAt: ctx.clock.now(),
      ...opts.agent?.(i),
    });
    agents.push({ id: created._id, name, email });
  }
  return { orgId, teamId, widgetKey: owner.org.widgetKey as string, owner: owner.client, ownerId: owner.user.id as string, agents };
}

/** Signs an agent in over HTTP (the login limiter is reset: every test client is 127.0.0.1). */
export async function loginAgent(server: { url: string; ctx: AppContext }, agent: SeededAgent): Promise<TestClient> {
  server.ctx.limiter.reset();
  const client = new TestClient(server.url);
  const res = await client.post('/api/auth/login', { email: agent.email, password: AGENT_PASSWORD });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/** Opens a chat through the service (as the widget and the handoff API do) for a new contact. */
export async function openTestChat(ctx: AppContext, org: Pick<SeededOrg, 'orgId' | 'teamId'>, contactId?: ObjectId): Promise<ChatDoc> {
  const now = ctx.clock.now();
  const contact = contactId ?? (await ctx.models.Contact.create({ orgId: org.orgId, name: `Visitor ${new ObjectId().toString().slice(-6)}`, firstSeenAt: now, lastSeenAt: now }))._id;
  return openChat(ctx, { orgId: org.orgId, contactId: contact, teamId: org.teamId, channel: 'web' });
}

export const chatById = (ctx: AppContext, id: ObjectId | string) => ctx.models.Chat.findById(id).lean<ChatDoc>();
