import { Elysia } from 'elysia';
import { v1ChatsListQuery, v1ChatsPage } from '../../../shared/contract/handoff-chats-list';
import type { AppContext } from '../../context';
import { listChangedChats } from '../../services/chats-list';
import { apiKeyAuth } from './api-auth';
import { V1_TAGS, v1Security } from './docs';
import { commonErrors } from './responses';

export function v1ChatsListRoutes(ctx: AppContext) {
  return new Elysia({ prefix: '/api/v1' }).use(apiKeyAuth(ctx)).get('/chats', ({ api, query }) => listChangedChats(ctx, api.org._id, query), {
    query: v1ChatsListQuery,
    response: { 200: v1ChatsPage, ...commonErrors },
    detail: {
      summary: 'Chats in the order they last changed (catch up after an outage)',
      description:
        'Filters: status, teamId, agentId (or `none`), contactId, handoffId, updatedSince. Ordered by updatedAt, then id. Page with `cursor` = the previous answer’s `next` until `hasMore` is false; keep `next` and ask with it later to get only what changed since. A chat that changes while you page comes again later with its new state.',
      tags: [V1_TAGS.chats],
      security: v1Security,
    },
  });
}
