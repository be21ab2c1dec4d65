import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { createLoginLink } from '../../services/login-links';
import { apiKeyAuth } from './api-auth';
import { V1_TAGS, v1Security } from './docs';
import { loginLinkBody } from './model';
import { commonErrors, loginLinkResponse } from './responses';

export function v1LoginLinkRoutes(ctx: AppContext) {
  return new Elysia({ prefix: '/api/v1' }).use(apiKeyAuth(ctx)).post(
    '/login-links',
    async ({ api, body, set }) => {
      const link = await createLoginLink(ctx, api, body.email);
      set.status = 201;
      return link;
    },
    {
      parse: 'json',
      body: loginLinkBody,
      response: { 201: loginLinkResponse, ...commonErrors },
      detail: {
        summary: 'A single-use console login link for a member',
        description: 'The URL signs the member into the console once and expires after 60 seconds. Open it right away (redirect the user’s browser to it).',
        tags: [V1_TAGS.loginLinks],
        security: v1Security,
      },
    },
  );
}
