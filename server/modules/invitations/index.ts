import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent, setSessionCookie } from '../../http/auth';
import { clientIp } from '../../http/client-ip';
import { acceptInvitation, createInvitation, listInvitations, lookupInvitation, revokeInvitation } from '../../services/invitations';
import { toMemberDto, toOrgDto } from '../../services/mappers';
import { createSession } from '../../services/sessions';
import { idParams } from '../profile/model';
import { acceptBody, invitationResponses as r, inviteBody, tokenParams } from './model';

export function invitationsModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/invitations' })
    .use(authPlugin(ctx))
    .get('', async ({ auth }) => ({ items: await listInvitations(ctx, requireAgent(auth)) }), {
      response: r.list,
      detail: { summary: 'Pending invitations (admin)', tags: ['members'] },
    })
    .post(
      '',
      async ({ auth, body, set }) => {
        const invitation = await createInvitation(ctx, requireAgent(auth), body);
        set.status = 201;
        return invitation;
      },
      { body: inviteBody, response: r.create, detail: { summary: 'Invite someone by e-mail with a role and teams (admin)', tags: ['members'] } },
    )
    .delete(
      '/:id',
      async ({ auth, params, set }) => {
        await revokeInvitation(ctx, requireAgent(auth), params.id);
        set.status = 204;
      },
      { params: idParams, response: r.revoke, detail: { summary: 'Revoke a pending invitation (admin)', tags: ['members'] } },
    )
    .get(
      '/lookup/:token',
      ({ params, request }) => {
        ctx.limiter.hit(`invite-lookup-ip:${clientIp(ctx, request)}`, 30, 60_000);
        return lookupInvitation(ctx, params.token);
      },
      { params: tokenParams, response: r.lookup, detail: { summary: 'What an invitation link is for (public)', tags: ['members'] } },
    )
    .post(
      '/accept',
      async ({ body, cookie, request, set }) => {
        ctx.limiter.hit(`invite-accept-ip:${clientIp(ctx, request)}`, 10, 15 * 60_000);
        const { user, org } = await acceptInvitation(ctx, body);
        const session = await createSession(ctx, user);
        setSessionCookie(ctx, cookie, session.token, session.expiresAt);
        set.status = 201;
        return { user: toMemberDto(user), org: toOrgDto(org) };
      },
      { body: acceptBody, response: r.accept, detail: { summary: 'Accept an invitation: create the account and sign in (public)', tags: ['members'] } },
    );
}
