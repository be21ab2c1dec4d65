import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { toOrgDto } from '../../services/mappers';
import { orgPatchBody, orgResponses } from './model';
import { updateOrg } from '../../services/org-settings';
import { identitySecret, rotateIdentitySecret } from '../../services/identity-secret';

export function orgModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/org' })
    .use(authPlugin(ctx))
    .get('', ({ auth }) => toOrgDto(requireAgent(auth).org), {
      response: orgResponses.get,
      detail: { summary: 'My organization', tags: ['org'] },
    })
    .patch('', async ({ auth, body }) => updateOrg(ctx, requireAgent(auth), body), {
      body: orgPatchBody,
      response: orgResponses.patch,
      detail: { summary: 'Rename, set the time zone or the widget’s look and allowed origins (admin)', tags: ['org'] },
    })
    .get('/identity-secret', ({ auth }) => identitySecret(requireAgent(auth)), {
      response: orgResponses.identitySecret,
      detail: { summary: 'The secret that signs `data-user-hash` for identity verification (admin)', tags: ['org'] },
    })
    .post('/identity-secret/rotate', ({ auth }) => rotateIdentitySecret(ctx, requireAgent(auth)), {
      response: orgResponses.identitySecret,
      detail: { summary: 'Replace the identity secret; hashes signed with the old one stop working (admin)', tags: ['org'] },
    });
}
