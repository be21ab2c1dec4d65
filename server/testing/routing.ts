// Helpers for routing tests: seed an organization's team and agents straight into the database
// through its repositories (fast, no invitation round-trips), and open chats through the real
// service. Asynchronous outcomes (jobs, drains) are awaited with testing/wait.ts.
import { ObjectId } from '../db/ids';
import type { Clock } from '../clock';
import type { AppContext } from '../context';
import type { OrgRepos } from '../db/repos';
import type { ChatDoc } from '../db/types';
import { openChat } from '../services/chats';
import { hashPassword } from '../services/passwords';
import { TestClient, signUp, uniqueEmail } from './harness';

/** A clock that runs at real speed from `start`: jobs due on it fire at the matching real time. */
export function offsetClock(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
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
  /** The organization's repositories, for reading and arranging its documents. */
  db: OrgRepos;
}

export const AGENT_PASSWORD = 'agent password 1';

/**
 * Signs up an organization, sets its Inbox team's routing settings, and adds `agents` agents in
 * that team (available, no hours, no caps unless `agent` overrides say otherwise). The owner is
 * made `away` so that only the seeded agents take chats. Seeded agents never open a console, so
 * the team routes on the overview's rules alone (`onlineOnlyRouting: false`) unless `team` says so.
 */
export async function seedOrg(
  server: { url: string; ctx: AppContext },
  opts: { agents: number; team?: Record<string, unknown>; agent?: (i: number) => Record<string, unknown> },
): Promise<SeededOrg> {
  const { ctx } = server;
  const owner = await signUp(server);
  const orgId = new ObjectId(owner.org.id as string);
  const teamId = new ObjectId(owner.user.teamIds[0] as string);
  const db = ctx.repos.forOrg(orgId);
  await db.teams.updateOne({ _id: teamId }, { $set: { assignmentStrategy: 'round_robin', assignedMessage: '', onlineOnlyRouting: false, ...opts.team } });
  await db.members.updateOne({ _id: new ObjectId(owner.user.id as string) }, { $set: { manualStatus: 'away', 'notifications.email': false } });
  const passwordHash = await hashPassword(ctx.config, AGENT_PASSWORD);
  const agents: SeededAgent[] = [];
  for (let i = 0; i < opts.agents; i++) {
    const email = uniqueEmail(`agent${i}`);
    const name = `Agent ${String.fromCharCode(65 + i)}`;
    const created = await db.members.insert({
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
  return { orgId, teamId, widgetKey: owner.org.widgetKey as string, owner: owner.client, ownerId: owner.user.id as string, agents, db };
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
  const contact =
    contactId ?? (await ctx.repos.forOrg(org.orgId).contacts.insert({ name: `Visitor ${new ObjectId().toString().slice(-6)}`, firstSeenAt: now, lastSeenAt: now }))._id;
  return openChat(ctx, { orgId: org.orgId, contactId: contact, teamId: org.teamId, channel: 'web' });
}

/** The chat as stored now, read through `ctx` (any instance on the database). */
export const chatById = (ctx: AppContext, org: Pick<SeededOrg, 'orgId'>, id: ObjectId | string): Promise<ChatDoc | null> =>
  ctx.repos.forOrg(org.orgId).chats.findById(new ObjectId(id.toString()));
