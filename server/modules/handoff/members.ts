import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import type { ApiAuth } from '../../services/api-keys';
import { orgTeams } from '../../services/access';
import { toTeamDto } from '../../services/mappers';
import { teamMemberIds } from '../../services/teams';
import { apiKeyAuth } from './api-auth';
import { V1_TAGS, v1Security } from './docs';
import { createMemberBody, inviteBody } from './model';
import { orgMembers } from '../../services/members';
import { createMember, inviteMember } from '../../services/provisioning';
import { commonErrors, invitationSchema, listOf, memberSchema, teamSchema } from './responses';

const tags = [V1_TAGS.members];

async function listTeams(ctx: AppContext, api: ApiAuth) {
  const teams = await orgTeams(ctx, api.org._id);
  const members = await teamMemberIds(ctx, api.org._id, teams.map((t) => t._id));
  return { items: teams.map((t) => toTeamDto(t, members.get(t._id.toString()) ?? [])) };
}

export function v1MemberRoutes(ctx: AppContext) {
  return new Elysia({ prefix: '/api/v1' })
    .use(apiKeyAuth(ctx))
    .get('/teams', ({ api }) => listTeams(ctx, api), {
      response: { 200: listOf(teamSchema), ...commonErrors },
      detail: { summary: 'Teams of the organization', tags, security: v1Security },
    })
    .get(
      '/members',
      async ({ api }) => ({ items: await orgMembers(ctx, api.org._id) }),
      { response: { 200: listOf(memberSchema), ...commonErrors }, detail: { summary: 'Members of the organization', tags, security: v1Security } },
    )
    .post(
      '/members',
      async ({ api, body, set }) => {
        const member = await createMember(ctx, api, body);
        set.status = 201;
        return member;
      },
      {
        parse: 'json',
        body: createMemberBody,
        response: { 201: memberSchema, ...commonErrors },
        detail: { summary: 'Create a member with a password (acts with the key creator’s rights)', tags, security: v1Security },
      },
    )
    .post(
      '/invitations',
      async ({ api, body, set }) => {
        const invitation = await inviteMember(ctx, api, body);
        set.status = 201;
        return invitation;
      },
      {
        parse: 'json',
        body: inviteBody,
        response: { 201: invitationSchema, ...commonErrors },
        detail: { summary: 'Invite a member by e-mail (sends the invitation; acts with the key creator’s rights)', tags, security: v1Security },
      },
    );
}
