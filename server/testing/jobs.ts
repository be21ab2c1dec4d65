// What Agenda holds, read through Agenda itself (its queryJobs), never through the collection:
// e.g. "was a job scheduled for this chat", "is it still pending after the cancel".
import type { JobWithState } from 'agenda';
import type { AppContext } from '../context';

/** The jobs of `name` whose data matches `data` (a partial match, e.g. `{ chatId }`). */
export async function jobsNamed(server: { ctx: AppContext }, name: string, data: Record<string, unknown> = {}): Promise<JobWithState[]> {
  return (await server.ctx.jobs.agenda.queryJobs({ name, data })).jobs;
}
