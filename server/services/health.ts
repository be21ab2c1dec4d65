import type { AppContext } from '../context';

/** A ping proves the database answers, not just that a connection object exists. */
export async function databaseStatus(ctx: AppContext): Promise<'up' | 'down'> {
  try {
    await ctx.repos.crossOrg.ping();
    return 'up';
  } catch {
    return 'down';
  }
}
