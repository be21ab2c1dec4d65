import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { chatForAgent } from '../../services/access';
import { addChatLabel, labelsInUse, removeChatLabel } from '../../services/chat-labels';
import {
  assignChatAsAgent,
  badgeCounts,
  chatDto,
  chatHistory,
  chatWithCapabilities,
  claimChat,
  endChatAsAgent,
  listChats,
} from '../../services/chats';
import { toMessageDto } from '../../services/mappers';
import { listMessages, storeMessage } from '../../services/messages';
import { assignBody, chatIdParams, chatResponses, labelBody, labelParams, listQuery, messagesQuery, sendBody } from './model';

const tags = ['chats'];

export function chatsModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/chats' })
    .use(authPlugin(ctx))
    .get('/', ({ auth, query }) => listChats(ctx, requireAgent(auth), { ...query, view: query.view ?? 'all' }), {
      query: listQuery,
      response: chatResponses.page,
      detail: { summary: 'Chats of an inbox view, filtered by the permission mode', tags },
    })
    .get('/counts', ({ auth }) => badgeCounts(ctx, requireAgent(auth).user), {
      response: chatResponses.counts,
      detail: { summary: 'Badge counts: unassigned, mine, all, per team', tags },
    })
    .get('/labels', async ({ auth }) => ({ items: await labelsInUse(ctx, requireAgent(auth)) }), {
      response: chatResponses.labels,
      detail: { summary: 'Labels in use on the organization’s chats', tags },
    })
    .get('/:id', ({ auth, params }) => chatWithCapabilities(ctx, requireAgent(auth), params.id), {
      params: chatIdParams,
      response: chatResponses.withCapabilities,
      detail: { summary: 'A chat and what the caller may do with it', tags },
    })
    .post('/:id/claim', async ({ auth, params }) => chatDto(ctx, await claimChat(ctx, requireAgent(auth), params.id)), {
      params: chatIdParams,
      response: chatResponses.chat,
      detail: { summary: 'Claim an unassigned chat (only one claimer wins)', tags },
    })
    .post('/:id/assign', async ({ auth, params, body }) => chatDto(ctx, await assignChatAsAgent(ctx, requireAgent(auth), params.id, body)), {
      params: chatIdParams,
      body: assignBody,
      response: chatResponses.chat,
      detail: { summary: 'Assign or reassign to an agent, or move to a team', tags },
    })
    .post('/:id/end', async ({ auth, params }) => chatDto(ctx, await endChatAsAgent(ctx, requireAgent(auth), params.id)), {
      params: chatIdParams,
      response: chatResponses.chat,
      detail: { summary: 'End a chat', tags },
    })
    .post('/:id/labels', async ({ auth, params, body }) => chatDto(ctx, await addChatLabel(ctx, requireAgent(auth), params.id, body.label)), {
      params: chatIdParams,
      body: labelBody,
      response: chatResponses.chat,
      detail: { summary: 'Put a label on a chat (normalized; idempotent)', tags },
    })
    .delete('/:id/labels/:label', async ({ auth, params }) => chatDto(ctx, await removeChatLabel(ctx, requireAgent(auth), params.id, params.label)), {
      params: labelParams,
      response: chatResponses.chat,
      detail: { summary: 'Take a label off a chat (idempotent)', tags },
    })
    .get('/:id/events', ({ auth, params }) => chatHistory(ctx, requireAgent(auth), params.id), {
      params: chatIdParams,
      response: chatResponses.events,
      detail: { summary: 'Assignment history', tags },
    })
    .get(
      '/:id/messages',
      async ({ auth, params, query }) => {
        const { chat } = await chatForAgent(ctx, requireAgent(auth), params.id, 'view');
        return { items: await listMessages(ctx, chat, query) };
      },
      { params: chatIdParams, query: messagesQuery, response: chatResponses.messages, detail: { summary: 'Messages, ascending by seq', tags } },
    )
    .post(
      '/:id/messages',
      async ({ auth, params, body, set }) => {
        const a = requireAgent(auth);
        const { chat } = await chatForAgent(ctx, a, params.id, 'write');
        const stored = await storeMessage(ctx, {
          chat,
          author: { kind: 'agent', id: a.user._id, name: a.user.name },
          text: body.text,
          clientId: body.clientId,
          attachmentIds: body.attachmentIds ?? [],
        });
        set.status = stored.duplicate ? 200 : 201;
        return toMessageDto(stored.message);
      },
      { params: chatIdParams, body: sendBody, response: chatResponses.sent, detail: { summary: 'Send a message (idempotent on clientId)', tags } },
    );
}
