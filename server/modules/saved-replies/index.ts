import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { createSavedReply, deleteSavedReply, listSavedReplies, updateSavedReply } from '../../services/saved-replies';
import { createSavedReplyBody, savedReplyIdParams, savedReplyResponses as r, updateSavedReplyBody } from './model';

const tags = ['saved replies'];

export function savedRepliesModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/saved-replies' })
    .use(authPlugin(ctx))
    .get('', async ({ auth }) => ({ items: await listSavedReplies(ctx, requireAgent(auth)) }), {
      response: r.list,
      detail: { summary: 'The shared saved replies and my own', tags },
    })
    .post(
      '',
      async ({ auth, body, set }) => {
        const reply = await createSavedReply(ctx, requireAgent(auth), body);
        set.status = 201;
        return reply;
      },
      { body: createSavedReplyBody, response: r.create, detail: { summary: 'Create a saved reply (shared: supervisors and admins; personal: anyone, for themselves)', tags } },
    )
    .patch('/:id', ({ auth, params, body }) => updateSavedReply(ctx, requireAgent(auth), params.id, body), {
      params: savedReplyIdParams,
      body: updateSavedReplyBody,
      response: r.update,
      detail: { summary: 'Change a saved reply’s shortcut or text', tags },
    })
    .delete(
      '/:id',
      async ({ auth, params, set }) => {
        await deleteSavedReply(ctx, requireAgent(auth), params.id);
        set.status = 204;
      },
      { params: savedReplyIdParams, response: r.remove, detail: { summary: 'Delete a saved reply', tags } },
    );
}
