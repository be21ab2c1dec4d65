import { Elysia } from 'elysia';
import { liveResponses } from '../../../shared/contract/live';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { liveSnapshot, memberPresence } from '../../services/live';

export function liveModule(ctx: AppContext) {
  return new Elysia()
    .use(authPlugin(ctx))
    .get('/api/presence', async ({ auth }) => ({ items: await memberPresence(ctx, requireAgent(auth)) }), {
      response: liveResponses.presence,
      detail: { summary: 'Every member’s presence (online, away, offline from open console tabs)', tags: ['members'] },
    })
    .get('/api/live', async ({ auth }) => liveSnapshot(ctx, requireAgent(auth)), {
      response: liveResponses.snapshot,
      detail: { summary: 'The live view: agents with presence, availability and load, and the queue (supervisors and admins)', tags: ['members'] },
    });
}
