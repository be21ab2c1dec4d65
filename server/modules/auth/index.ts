import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, clearSessionCookie, requireAgent, setSessionCookie } from '../../http/auth';
import { clientIp } from '../../http/client-ip';
import { changePassword, signIn, redeemLoginLink, requestPasswordReset, resetPassword } from '../../services/auth';
import { toMemberDto, toOrgDto } from '../../services/mappers';
import { createOrganization } from '../../services/organizations';
import { createSession, deleteSession } from '../../services/sessions';
import { authResponses, forgotBody, loginBody, loginLinkBody, passwordBody, resetBody, signupBody } from './model';

export function authModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/auth' })
    .use(authPlugin(ctx))
    .post(
      '/signup',
      async ({ body, cookie, request, set }) => {
        ctx.limiter.hit(`signup:${clientIp(ctx, request)}`, 10, 3_600_000);
        const { org, user } = await createOrganization(ctx, body);
        const session = await createSession(ctx, user);
        setSessionCookie(ctx, cookie, session.token, session.expiresAt);
        set.status = 201;
        return { user: toMemberDto(user), org: toOrgDto(org) };
      },
      { body: signupBody, response: authResponses.signup, detail: { summary: 'Create an organization and its owner', tags: ['auth'] } },
    )
    .post(
      '/login',
      async ({ body, cookie, request }) => {
        // Failures only, per account and address (see signIn): no targeted lockout.
        const { user, org } = await signIn(ctx, body.email, body.password, clientIp(ctx, request));
        const session = await createSession(ctx, user);
        setSessionCookie(ctx, cookie, session.token, session.expiresAt);
        return { user: toMemberDto(user), org: toOrgDto(org) };
      },
      { body: loginBody, response: authResponses.session, detail: { summary: 'Log in with e-mail and password', tags: ['auth'] } },
    )
    .post(
      '/logout',
      async ({ auth, cookie, set }) => {
        if (auth) {
          await deleteSession(ctx, auth.org._id, auth.sessionHash);
          await ctx.bus.publish({ kind: 'user.revoked', orgId: auth.org._id.toString(), userId: auth.user._id.toString(), reason: 'logout', onlySessionHash: auth.sessionHash });
        }
        clearSessionCookie(cookie);
        set.status = 204;
      },
      { response: authResponses.noContent, detail: { summary: 'Log out this session', tags: ['auth'] } },
    )
    .get(
      '/me',
      ({ auth }) => {
        const a = requireAgent(auth);
        return { user: toMemberDto(a.user), org: toOrgDto(a.org) };
      },
      { response: authResponses.session, detail: { summary: 'The signed-in member and organization', tags: ['auth'] } },
    )
    .post(
      '/password',
      async ({ auth, body, set }) => {
        const a = requireAgent(auth);
        await changePassword(ctx, a.user, body.currentPassword, body.newPassword, a.sessionHash);
        set.status = 204;
      },
      { body: passwordBody, response: authResponses.noContent, detail: { summary: 'Change password (ends the other sessions)', tags: ['auth'] } },
    )
    .post(
      '/forgot',
      async ({ body, request, set }) => {
        ctx.limiter.hit(`forgot-ip:${clientIp(ctx, request)}`, 5, 15 * 60_000);
        ctx.limiter.hit(`forgot-email:${body.email.toLowerCase()}`, 3, 15 * 60_000);
        await requestPasswordReset(ctx, body.email);
        set.status = 202;
        return { ok: true as const };
      },
      { body: forgotBody, response: authResponses.accepted, detail: { summary: 'E-mail a password reset link', tags: ['auth'] } },
    )
    .post(
      '/reset',
      async ({ body, request, set }) => {
        ctx.limiter.hit(`reset-ip:${clientIp(ctx, request)}`, 10, 15 * 60_000);
        await resetPassword(ctx, body.token, body.password);
        set.status = 204;
      },
      { body: resetBody, response: authResponses.noContent, detail: { summary: 'Set a new password with a reset token', tags: ['auth'] } },
    )
    .post(
      '/login-link',
      async ({ body, cookie, request }) => {
        ctx.limiter.hit(`login-link-ip:${clientIp(ctx, request)}`, 30, 60_000);
        const { user, org } = await redeemLoginLink(ctx, body.token);
        const session = await createSession(ctx, user);
        setSessionCookie(ctx, cookie, session.token, session.expiresAt);
        return { user: toMemberDto(user), org: toOrgDto(org) };
      },
      { body: loginLinkBody, response: authResponses.loginLink, detail: { summary: 'Redeem a single-use login link', tags: ['auth'] } },
    );
}
