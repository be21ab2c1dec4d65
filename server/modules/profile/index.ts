import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { toMemberDto } from '../../services/mappers';
import { updateProfile } from '../../services/profile';
import { profileBody, scheduleFirst } from './model';
import { memberResponses } from '../members/model';

/** The signed-in member's own profile, status and availability (GET is /api/auth/me). */
export function profileModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/me' })
    .use(authPlugin(ctx))
    .patch(
      '',
      async ({ auth, body }) => toMemberDto(await updateProfile(ctx, requireAgent(auth), body)),
      {
        body: profileBody,
        response: memberResponses.one,
        transform: scheduleFirst,
        detail: { summary: 'Update my name, e-mail, phone, notifications, status or availability', tags: ['members'] },
      },
    );
}
