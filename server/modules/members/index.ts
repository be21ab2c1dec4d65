import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { listMembers, updateMember } from '../../services/members';
import { idParams } from '../profile/model';
import { memberPatchBody, memberResponses } from './model';

export function membersModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/members' })
    .use(authPlugin(ctx))
    .get('', async ({ auth }) => ({ items: await listMembers(ctx, requireAgent(auth)) }), {
      response: memberResponses.list,
      detail: { summary: 'Members of my organization (phone numbers for admins only)', tags: ['members'] },
    })
    .patch('/:id', async ({ auth, params, body }) => updateMember(ctx, requireAgent(auth), params.id, body), {
      params: idParams,
      body: memberPatchBody,
      response: memberResponses.one,
      detail: { summary: 'Change a member’s role, teams, active flag or chat cap (admin)', tags: ['members'] },
    });
}
