import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { createTeam, deleteTeam, listTeams, updateTeam } from '../../services/teams';
import { idParams, scheduleFirst } from '../profile/model';
import { createTeamBody, teamResponses as r, updateTeamBody } from './model';

export function teamsModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/teams' })
    .use(authPlugin(ctx))
    .get('', async ({ auth }) => ({ items: await listTeams(ctx, requireAgent(auth)) }), {
      response: r.list,
      detail: { summary: 'Teams I may see (admins: all; others: their own)', tags: ['teams'] },
    })
    .post(
      '',
      async ({ auth, body, set }) => {
        const team = await createTeam(ctx, requireAgent(auth), body);
        set.status = 201;
        return team;
      },
      { body: createTeamBody, response: r.create, transform: scheduleFirst, detail: { summary: 'Create a team (admin)', tags: ['teams'] } },
    )
    .patch('/:id', async ({ auth, params, body }) => updateTeam(ctx, requireAgent(auth), params.id, body), {
      params: idParams,
      body: updateTeamBody,
      response: r.update,
      transform: scheduleFirst,
      detail: { summary: 'Rename a team, change its settings or replace its members (admin or its supervisor)', tags: ['teams'] },
    })
    .delete(
      '/:id',
      async ({ auth, params, set }) => {
        await deleteTeam(ctx, requireAgent(auth), params.id);
        set.status = 204;
      },
      {
        params: idParams,
        response: r.remove,
        detail: {
          summary: 'Delete a team (admin). Not the default team, not while it has open chats; its ended chats move to the default team',
          tags: ['teams'],
        },
      },
    );
}
