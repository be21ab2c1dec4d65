import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { toOrgDto } from '../../services/mappers';
import { orgPatchBody } from './model';
import { strictBody } from '../profile/strict';
import { updateOrg } from './service';

export function orgModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/org' })
    .use(authPlugin(ctx))
    .get('', ({ auth }) => toOrgDto(requireAgent(auth).org), {
      detail: { summary: 'My organization', tags: ['org'] },
    })
    .patch('', async ({ auth, body }) => updateOrg(ctx, requireAgent(auth), body), {
      body: orgPatchBody,
      transform: strictBody(orgPatchBody),
      detail: { summary: 'Rename, set the time zone or the widget’s look and allowed origins (admin)', tags: ['org'] },
    });
}
