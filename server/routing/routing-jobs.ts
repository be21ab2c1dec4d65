// Routing jobs: thin handlers over server/routing. A handler that came early re-arms itself
// through Agenda (job.schedule), which Agenda persists when the handler returns.
import type { AppContext } from '../context';
import type { RoutingEngine } from './engine';
import { agentOpensDue, teamDrainDue } from './schedules';
import { unresponsiveDue } from './unresponsive';
import { JOB, type AgentOpensJob, type TeamDrainJob, type UnresponsiveJob } from '../jobs/names';

export function defineRoutingJobs(ctx: AppContext, engine: RoutingEngine): void {
  ctx.jobs.define<TeamDrainJob>(
    JOB.teamDrain,
    async (data, job) => {
      const rearm = await teamDrainDue(ctx, data, (orgId, teamId) => engine.drainTeam(orgId, teamId));
      if (rearm) job.schedule(rearm);
    },
    { removeOnComplete: true },
  );
  ctx.jobs.define<AgentOpensJob>(
    JOB.agentOpens,
    async (data, job) => {
      const rearm = await agentOpensDue(ctx, data, (orgId, userId) => engine.agentChanged(orgId, userId));
      if (rearm) job.schedule(rearm);
    },
    { removeOnComplete: true },
  );
  // No retries: the handler claims its firing first, so a second run would find nothing to do.
  ctx.jobs.define<UnresponsiveJob>(JOB.unresponsive, (data) => unresponsiveDue(engine, data), { removeOnComplete: true });
}
