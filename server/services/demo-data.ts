// Demo data for the dashboard and the inbox: teams, agents, contacts and a few weeks of chats
// with messages, in the demo organization (admin@demo.phoenix.chat, created if missing).
//
// Everything goes through the same services a live chat does (openChat, claimChat, storeMessage,
// endChat), so seq numbers, first-response stamps, contact counters and the assignment history
// are what production would have written. Time is a private manual clock moved to each step's
// instant. The services run with their side effects muted: no routing (a past chat must
// not be auto-assigned, nor schedule unresponsive-agent jobs) and no event bus (nobody should get
// a notification for a conversation from three weeks ago).
//
// Deterministic for a given `seed` and `now`: the same numbers come out each time.
import { DateTime } from 'luxon';
import type { ObjectId } from '../db/ids';
import { manualClock } from '../clock';
import type { AppContext } from '../context';
import { isValidTimeZone } from '../domain/statistics';
import type { ChatDoc } from '../db/types';
import type { ContactDoc } from '../db/types';
import type { OrganizationDoc } from '../db/types';
import type { TeamDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import type { EventBus } from '../bus/bus';
import { agentActor, claimChat, endChat, openChat } from './chats';
import { createContact } from './contacts';
import { DEMO_OWNER, ensureDemoOrganization, newDemoPassword } from './demo';
import { storeMessage } from './messages';
import { hashPassword } from './passwords';
import { createChatLifecycle } from '../events/chat-lifecycle';

export interface SeedOptions {
  /** Days of history, ending today (default 35: the 30-day view then has returning contacts). */
  days?: number;
  /** The last instant with activity (default: the context's clock). */
  now?: Date;
  seed?: number;
  /** Seed even if the demo organization already has chats. */
  force?: boolean;
  /** Multiplies the number of chats per day (default 1: ~9 on a weekday, ~2 on a weekend day). */
  scale?: number;
}

export interface SeedResult {
  orgId: string;
  skipped: boolean;
  teams: number;
  agents: number;
  contacts: number;
  chats: number;
  messages: number;
  /**
   * The demo accounts' password, when this run knows it: the one /demo publishes, or (page
   * switched off) the one it generated for the agents it created. Null otherwise.
   */
  password: string | null;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const TEAMS = ['Support', 'Sales'] as const;

const AGENTS: { name: string; email: string; role: 'supervisor' | 'agent'; teams: readonly string[] }[] = [
  { name: 'Maya Chen', email: 'maya@demo.phoenix.chat', role: 'supervisor', teams: ['Support', 'Inbox'] },
  { name: 'Leo Martins', email: 'leo@demo.phoenix.chat', role: 'agent', teams: ['Support', 'Inbox'] },
  { name: 'Priya Nair', email: 'priya@demo.phoenix.chat', role: 'agent', teams: ['Support'] },
  { name: 'Sam Okafor', email: 'sam@demo.phoenix.chat', role: 'agent', teams: ['Sales', 'Inbox'] },
  { name: 'Jonas Berg', email: 'jonas@demo.phoenix.chat', role: 'agent', teams: ['Sales'] },
];

const FIRST = ['Emma', 'Noah', 'Olivia', 'Liam', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sofia', 'Mateo', 'Isla', 'Arjun', 'Chloe', 'Kenji', 'Amara', 'Felix', 'Zoe', 'Omar', 'Hannah', 'Diego', 'Lena', 'Tariq', 'Nora', 'Yusuf'];
const LAST = ['Smith', 'García', 'Müller', 'Rossi', 'Kowalski', 'Haddad', 'Tanaka', 'Okoye', 'Dubois', 'Silva', 'Johansson', 'Novak', 'Patel', 'Brown', 'Kim', 'Ali'];

const OPENERS: Record<string, string[]> = {
  Support: [
    'Hi, I can’t log in to my account since this morning.',
    'My order hasn’t arrived yet, can you check the status?',
    'The app keeps crashing when I upload a photo.',
    'How do I change the e-mail address on my account?',
    'I was charged twice for my subscription.',
    'Is there a way to export my data as CSV?',
  ],
  Sales: [
    'Hello! Do you offer discounts for teams of 20?',
    'Can I get a demo of the Business plan?',
    'What’s the difference between Pro and Business?',
    'Do you support single sign-on?',
    'Is there an annual billing option?',
  ],
  Inbox: [
    'Hi there, quick question.',
    'Hello, is anyone around?',
    'Where can I find your opening hours?',
  ],
};
const FIRST_REPLIES = [
  'Hi! Thanks for reaching out — let me take a look.',
  'Hello, happy to help. One moment while I check.',
  'Hi there! Sure, give me a second.',
];
const VISITOR_FOLLOW_UPS = ['Thanks!', 'It’s the one from last Tuesday.', 'Sure, my e-mail is the one on the account.', 'Okay, let me try that.', 'That worked, great.', 'Got it.'];
const AGENT_FOLLOW_UPS = [
  'I found it — it should be sorted now.',
  'Could you try again and tell me what you see?',
  'I’ve sent you a link by e-mail with the details.',
  'That’s fixed on our side. Anything else I can do?',
  'Yes, that’s included in the plan.',
];
const CLOSERS = ['Thanks for chatting with us — have a great day!', 'Glad I could help. Bye for now!'];

/** mulberry32: small, fast, good enough for demo data, and reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** Log-uniform between min and max: many short waits, a long tail. */
    logUniform: (min: number, max: number) => Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min))),
  };
}
type Rng = ReturnType<typeof prng>;

/** A time of day in minutes, weighted to office hours with late-morning and afternoon peaks. */
function minuteOfDay(rng: Rng, weekend: boolean): number {
  const r = rng.next();
  if (!weekend && r < 0.88) {
    // Two humps: 9:30–12:30 and 13:30–17:30, plus the shoulders of the working day.
    const peak = rng.next() < 0.5 ? 11 * 60 : 15 * 60 + 30;
    const spread = (rng.next() + rng.next() + rng.next() - 1.5) * 150;
    return Math.min(18 * 60 + 30, Math.max(8 * 60, Math.round(peak + spread)));
  }
  return rng.int(9 * 60, 22 * 60);
}

const muted: EventBus = {
  publish: () => Promise.resolve(),
  subscribe: () => () => undefined,
  close: () => Promise.resolve(),
};

async function ensureTeams(ctx: AppContext, org: OrganizationDoc, now: Date): Promise<Map<string, TeamDoc>> {
  const byName = new Map<string, TeamDoc>();
  const teams = ctx.repos.forOrg(org._id).teams;
  const existing = await teams.find();
  for (const team of existing) byName.set(team.name, team);
  const inbox = existing.find((t) => t.isDefault) ?? existing[0];
  if (inbox) byName.set('Inbox', inbox);
  for (const name of TEAMS) {
    if (byName.has(name)) continue;
    byName.set(name, await teams.insert({ name, createdAt: now }));
  }
  return byName;
}

async function ensureAgents(ctx: AppContext, org: OrganizationDoc, teams: Map<string, TeamDoc>, now: Date, password: string): Promise<{ agents: UserDoc[]; created: number }> {
  const agents: UserDoc[] = [];
  let created = 0;
  const members = ctx.repos.forOrg(org._id).members;
  let passwordHash: string | null = null;
  for (const spec of AGENTS) {
    const teamIds = spec.teams.flatMap((n) => (teams.get(n) ? [teams.get(n)!._id] : []));
    // E-mails are unique over the whole installation, so the lookup is not per organization.
    const found = await ctx.repos.crossOrg.userByEmail(spec.email);
    if (found) {
      // Another organization owns this address: leave it alone, seed without it.
      if (found.orgId.equals(org._id)) agents.push(found);
      continue;
    }
    passwordHash ??= await hashPassword(ctx.config, password);
    agents.push(await members.insert({ email: spec.email, name: spec.name, passwordHash, role: spec.role, teamIds, createdAt: now }));
    created += 1;
  }
  return { agents, created };
}

interface ContactPlan {
  at: Date;
  name: string;
  email: string;
  tags: string[];
}

type Step =
  | { at: number; kind: 'visitor' | 'agent'; text: string }
  | { at: number; kind: 'claim' | 'end' };

interface ChatPlan {
  start: number;
  team: TeamDoc;
  contact: number;
  agent: UserDoc | null;
  /** Offsets from the start, ascending. */
  steps: Step[];
}

/** What one conversation will look like, decided up front so playback can run in parallel. */
function scriptChat(rng: Rng, teamName: string, agent: UserDoc | null): Step[] {
  const steps: Step[] = [{ at: 0, kind: 'visitor', text: rng.pick(OPENERS[teamName] ?? OPENERS.Inbox!) }];
  const firstResponse = Math.round(rng.logUniform(10, 300) * SECOND);
  const resolution = Math.max(firstResponse + 90 * SECOND, Math.round(rng.logUniform(120, 2400) * SECOND));
  if (!agent) return steps;
  // A few visitors give up before anyone answers; an agent closes the chat a little later.
  if (rng.next() < 0.04) return [...steps, { at: firstResponse + rng.int(3, 10) * MINUTE, kind: 'end' }];
  steps.push({ at: Math.round(firstResponse * 0.6), kind: 'claim' }, { at: firstResponse, kind: 'agent', text: rng.pick(FIRST_REPLIES) });
  // A few exchanges spread evenly until shortly before the end, each answer before the next
  // question, so createdAt follows seq.
  const exchanges = rng.int(1, 2);
  const gap = (resolution - firstResponse - 30 * SECOND) / (exchanges + 1);
  for (let i = 1; i <= exchanges; i += 1) {
    const when = firstResponse + Math.round(gap * i);
    steps.push({ at: when, kind: 'visitor', text: rng.pick(VISITOR_FOLLOW_UPS) });
    steps.push({ at: when + Math.round(Math.min(rng.int(15, 90) * SECOND, gap / 2)), kind: 'agent', text: rng.pick(AGENT_FOLLOW_UPS) });
  }
  steps.push({ at: resolution - 10 * SECOND, kind: 'agent', text: rng.pick(CLOSERS) }, { at: resolution, kind: 'end' });
  return steps;
}

/** Seeds the demo organization unless it already has chats (or `force`). */
export async function seedDemoData(ctx: AppContext, opts: SeedOptions = {}): Promise<SeedResult> {
  const org = await ensureDemoOrganization(ctx);
  // The agents share the published demo password; with the page off there is none to share, so
  // new agents get a generated one (the seed script prints it).
  const published = org.demo?.pageOn !== false ? (org.demo?.password ?? null) : null;
  const agentPassword = published ?? newDemoPassword();
  const result: SeedResult = { orgId: org._id.toString(), skipped: false, teams: 0, agents: 0, contacts: 0, chats: 0, messages: 0, password: published };
  const repos = ctx.repos.forOrg(org._id);
  if (!opts.force && (await repos.chats.exists({}))) return { ...result, skipped: true };

  const began = Date.now();
  const now = opts.now ?? ctx.clock.now();
  const days = Math.max(1, Math.min(opts.days ?? 35, 366));
  const scale = opts.scale ?? 1;
  const rng = prng(opts.seed ?? 20250309);
  const zone = isValidTimeZone(org.timezone) ? org.timezone : 'UTC';

  const teams = await ensureTeams(ctx, org, now);
  const { agents, created } = await ensureAgents(ctx, org, teams, now, agentPassword);
  if (created > 0) result.password = agentPassword;
  result.teams = teams.size;
  result.agents = agents.length;
  const owner = await repos.members.findOne({ email: DEMO_OWNER.email });
  const staff = owner ? [...agents, owner] : agents;
  const membersOf = (team: TeamDoc) => staff.filter((u) => (u.teamIds ?? []).some((t) => t.equals(team._id)));

  // 1. The plan, in time order, from the seeded generator alone.
  const contactPlans: ContactPlan[] = [];
  const chatPlans: ChatPlan[] = [];
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  for (let back = days - 1; back >= 0; back -= 1) {
    const day = today.minus({ days: back });
    const weekend = day.weekday >= 6;
    const count = Math.max(0, Math.round((weekend ? rng.int(1, 3) : rng.int(7, 11)) * scale));
    const starts = Array.from({ length: count }, () => day.plus({ minutes: minuteOfDay(rng, weekend), seconds: rng.int(0, 59) }).toMillis())
      .filter((t) => t <= now.getTime())
      .sort((a, b) => a - b);
    for (const start of starts) {
      const teamName = rng.next() < 0.55 ? 'Support' : rng.next() < 0.7 ? 'Sales' : 'Inbox';
      const team = teams.get(teamName) ?? teams.get('Inbox')!;
      // About a third of the conversations come from someone who chatted before.
      let contact: number;
      if (contactPlans.length > 5 && rng.next() < 0.35) contact = rng.int(0, contactPlans.length - 1);
      else {
        const first = rng.pick(FIRST);
        const last = rng.pick(LAST);
        const local = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
        contactPlans.push({
          at: new Date(start - rng.int(1, 30) * MINUTE),
          name: `${first} ${last}`,
          email: `${local}${rng.int(1, 99)}@example.com`,
          tags: rng.next() < 0.15 ? ['vip'] : rng.next() < 0.2 ? ['trial'] : [],
        });
        contact = contactPlans.length - 1;
      }
      const members = membersOf(team);
      const agent = members.length > 0 ? rng.pick(members) : null;
      chatPlans.push({ start, team, contact, agent, steps: scriptChat(rng, teamName, agent) });
    }
  }

  // 2. Playback through the services, each lane with its own clock. A contact's chats share a
  //    lane, so they happen in order (its counters and last-seen move forward like in real life).
  const lanes = 6;
  const contacts: ContactDoc[] = [];
  for (let i = 0; i < contactPlans.length; i += lanes) {
    const batch = contactPlans.slice(i, i + lanes);
    contacts.push(
      ...(await Promise.all(batch.map((plan) => createContact(quietContext(ctx, plan.at), org._id, { name: plan.name, email: plan.email, tags: plan.tags })))),
    );
  }
  result.contacts = contacts.length;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      for (const plan of chatPlans) {
        if (plan.contact % lanes !== lane) continue;
        const stored = await playChat(quietContext(ctx, new Date(plan.start)), org, plan, contacts[plan.contact]!, now);
        result.messages += stored;
        result.chats += 1;
      }
    }),
  );
  ctx.log.info('demo data seeded', { ...result, days, tookMs: Date.now() - began });
  return result;
}

/** The services with a private clock, without routing (lifecycle events nobody listens to) and without bus events (see the top). */
function quietContext(ctx: AppContext, at: Date): AppContext & { clock: ReturnType<typeof manualClock> } {
  return { ...ctx, clock: manualClock(at), events: createChatLifecycle(), bus: muted };
}

/** Plays one conversation; steps after `now` have not happened yet. Returns messages stored. */
async function playChat(ctx: AppContext & { clock: ReturnType<typeof manualClock> }, org: OrganizationDoc, plan: ChatPlan, contact: ContactDoc, now: Date): Promise<number> {
  ctx.clock.set(new Date(plan.start));
  let chat: ChatDoc = await openChat(ctx, { orgId: org._id, contactId: contact._id, teamId: plan.team._id, channel: 'web' });
  const visitor = { kind: 'contact' as const, id: contact._id as ObjectId, name: contact.name ?? null };
  const agent = plan.agent;
  let messages = 0;
  for (const step of plan.steps) {
    const at = plan.start + step.at;
    if (at > now.getTime()) break;
    ctx.clock.set(new Date(at));
    if (step.kind === 'claim' && agent) {
      chat = await claimChat(ctx, { user: agent, org, sessionHash: '' }, chat._id.toString());
    } else if (step.kind === 'end' && agent) {
      chat = await endChat(ctx, { orgId: org._id, chat, eventActor: agentActor(agent) });
    } else if (step.kind === 'visitor' || (step.kind === 'agent' && agent)) {
      const author = step.kind === 'visitor' ? visitor : { kind: 'agent' as const, id: agent!._id, name: agent!.name };
      chat = (await storeMessage(ctx, { chat, author, text: step.text })).chat;
      messages += 1;
    }
  }
  return messages;
}
