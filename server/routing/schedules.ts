// Jobs at schedule boundaries: a team's next opening (drain its after-hours queue) and an agent's
// next personal opening (offer them waiting chats).
//
// Each job's unique key includes the instant it is for, so scheduling "the same opening" twice
// (many after-hours chats, several instances) stores one job, while a job never re-schedules its
// own key from inside its handler: Agenda saves the running job's state after the handler, which
// would overwrite that. A job that fires before its clock reached the instant re-arms itself
// through Agenda instead (the `rearm` result the job handler applies).
import type { AppContext } from '../context';
import { nextClosing, nextOpening, isOpen } from '../domain/schedule';
import { JOB, type AgentOpensJob, type TeamDrainJob } from '../jobs/names';
import type { TeamDoc, UserDoc } from '../db/types';
import { plainSchedule } from '../services/mappers';
import { parseIds } from './ids';
import { jobInstant } from './time';

export async function scheduleTeamDrain(ctx: AppContext, team: Pick<TeamDoc, '_id' | 'orgId'>, at: Date): Promise<void> {
  const data: TeamDrainJob = { orgId: team.orgId.toString(), teamId: team._id.toString(), at: at.toISOString() };
  await ctx.jobs.schedule(jobInstant(ctx.clock, at), JOB.teamDrain, data, { teamId: data.teamId, at: data.at });
}

/** Schedules the drain at the team's next opening; a schedule that never opens again gets none. */
export async function scheduleTeamOpening(ctx: AppContext, team: Pick<TeamDoc, '_id' | 'orgId' | 'schedule'>): Promise<void> {
  const opening = nextOpening(plainSchedule(team.schedule), ctx.clock.now());
  if (opening) await scheduleTeamDrain(ctx, team, opening);
}

/**
 * The start of the agent's next personal opening after the current state: if they are inside
 * their hours now, the opening after this one closes.
 */
export function nextAgentOpening(user: { schedule?: unknown }, now: Date): Date | null {
  const schedule = plainSchedule(user.schedule);
  if (schedule === null) return null;
  const from = isOpen(schedule, now) ? nextClosing(schedule, now) : now;
  return from === null ? null : nextOpening(schedule, from);
}

export async function scheduleAgentOpening(ctx: AppContext, user: Pick<UserDoc, '_id' | 'orgId' | 'schedule'>): Promise<void> {
  const opening = nextAgentOpening(user, ctx.clock.now());
  if (!opening) return;
  const data: AgentOpensJob = { orgId: user.orgId.toString(), userId: user._id.toString(), at: opening.toISOString() };
  await ctx.jobs.schedule(jobInstant(ctx.clock, opening), JOB.agentOpens, data, { userId: data.userId, at: data.at });
}

/** When a due job finds its instant not reached yet, it runs again at this wall-clock instant. */
export type Rearm = Date | null;

/**
 * A team-drain job is due. Returns when to run again if it came early (the clock has not reached
 * the opening it is for); a job made stale by a changed schedule just ends, because saving the
 * new schedule scheduled a job of its own.
 */
export async function teamDrainDue(
  ctx: AppContext,
  data: TeamDrainJob,
  drain: (orgId: string, teamId: string) => Promise<void>,
): Promise<Rearm> {
  const ids = parseIds({ orgId: data.orgId, teamId: data.teamId });
  const team = ids && (await ctx.repos.forOrg(ids.orgId).teams.findById(ids.teamId));
  if (!team) return null;
  const now = ctx.clock.now();
  const schedule = plainSchedule(team.schedule);
  if (!isOpen(schedule, now)) {
    const opening = nextOpening(schedule, now);
    if (opening && opening.toISOString() === data.at) return jobInstant(ctx.clock, opening);
    if (opening) await scheduleTeamDrain(ctx, team, opening);
    return null;
  }
  await drain(data.orgId, data.teamId);
  return null;
}

/** An agent-opening job is due: same early/stale rules as the team's. */
export async function agentOpensDue(
  ctx: AppContext,
  data: AgentOpensJob,
  changed: (orgId: string, userId: string) => Promise<void>,
): Promise<Rearm> {
  const ids = parseIds({ orgId: data.orgId, userId: data.userId });
  const user = ids && (await ctx.repos.forOrg(ids.orgId).members.findById(ids.userId));
  if (!user || user.active === false) return null;
  const schedule = plainSchedule(user.schedule);
  if (schedule === null) return null;
  const now = ctx.clock.now();
  if (!isOpen(schedule, now)) {
    const opening = nextOpening(schedule, now);
    return opening && opening.toISOString() === data.at ? jobInstant(ctx.clock, opening) : null;
  }
  // Open now: schedules the following opening (a later key) and offers the queues.
  await changed(data.orgId, data.userId);
  return null;
}

/** At boot: make sure every agent with personal hours has their next opening scheduled. */
export async function ensureAgentOpenings(ctx: AppContext): Promise<void> {
  const users = await ctx.repos.crossOrg.agentsWithSchedules();
  for (const user of users) await scheduleAgentOpening(ctx, user);
}
