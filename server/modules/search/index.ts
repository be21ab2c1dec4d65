// Chat search for the console (GET /api/chats/search): agents only, results limited by the
// permission table (services/chat-search.ts).
import { Elysia } from 'elysia';
import { chatSearchQuery, chatSearchResponses as r } from '../../../shared/contract/search';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { searchChats } from '../../services/chat-search';

export function searchModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/chats' })
    .use(authPlugin(ctx))
    .get('/search', ({ auth, query }) => searchChats(ctx, requireAgent(auth), query), {
      query: chatSearchQuery,
      response: r.search,
      detail: { summary: 'Search chats by message or note text, contact name / e-mail / username, or label; filter and sort', tags: ['chats'] },
    });
}
