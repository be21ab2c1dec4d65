import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { badRequest } from '../../errors';
import { downloadResponse, findUpload } from '../../services/files';
import { answerChoiceByApi, assignByApi, chatOfOrg, endByApi, handoffChatDto, openHandoff, relayContactMessage, V1_FILES_BASE } from '../../services/handoff';
import { toContactDto } from '../../services/mappers';
import { listMessages } from '../../services/messages';
import { apiKeyAuth } from './api-auth';
import { V1_TAGS, v1Security } from './docs';
import { assignBody, choiceBody, handoffBody, idParams, messagesQuery, relayBody } from './model';
import { chatSchema, commonErrors, handoffResponse, listOf, messageSchema } from './responses';

const tags = [V1_TAGS.chats];

export function v1ChatRoutes(ctx: AppContext) {
  return new Elysia({ prefix: '/api/v1' })
    .use(apiKeyAuth(ctx))
    .post(
      '/chats',
      async ({ api, body, set }) => {
        const { chat, contact, created } = await openHandoff(ctx, api, body);
        set.status = created ? 201 : 200;
        return { chat: await handoffChatDto(ctx, chat), contact: toContactDto(contact) };
      },
      {
        parse: 'json',
        body: handoffBody,
        response: { 200: handoffResponse, 201: handoffResponse, ...commonErrors },
        detail: {
          summary: 'Hand a conversation to live agents',
          description:
            'Upserts the contact by (botUserId, channel), opens a live chat of channel `api` with the bot transcript, and routes it by the team’s rules — or assigns it to `agentId`. Idempotent on `handoffId`: a repeat answers 200 with the same chat.',
          tags,
          security: v1Security,
        },
      },
    )
    .get('/chats/:id', async ({ api, params }) => handoffChatDto(ctx, await chatOfOrg(ctx, api.org._id, params.id)), {
      params: idParams,
      response: { 200: chatSchema, ...commonErrors },
      detail: { summary: 'A chat', tags, security: v1Security },
    })
    .get(
      '/chats/:id/messages',
      async ({ api, params, query }) => {
        const chat = await chatOfOrg(ctx, api.org._id, params.id);
        const limit = query.limit === undefined ? undefined : Number(query.limit);
        if (limit !== undefined && (limit < 1 || limit > 500)) throw badRequest('Must be a whole number from 1 to 500', 'query.limit');
        const afterSeq = query.afterSeq === undefined ? undefined : Number(query.afterSeq);
        return { items: await listMessages(ctx, chat, { afterSeq, limit }, V1_FILES_BASE) };
      },
      {
        params: idParams,
        query: messagesQuery,
        response: { 200: listOf(messageSchema), ...commonErrors },
        detail: { summary: 'Messages of a chat after a seq, oldest first (the transcript of an ended chat)', tags, security: v1Security },
      },
    )
    .post(
      '/chats/:id/messages',
      async ({ api, params, body, set }) => {
        const { message, duplicate } = await relayContactMessage(ctx, api, params.id, body);
        set.status = duplicate ? 200 : 201;
        return message;
      },
      {
        parse: 'json',
        params: idParams,
        body: relayBody,
        response: { 200: messageSchema, 201: messageSchema, ...commonErrors },
        detail: { summary: 'Relay a message the contact wrote on the bot’s channel (idempotent on clientId)', tags, security: v1Security },
      },
    )
    .post('/chats/:id/assign', async ({ api, params, body }) => handoffChatDto(ctx, await assignByApi(ctx, api, params.id, body)), {
      parse: 'json',
      params: idParams,
      body: assignBody,
      response: { 200: chatSchema, ...commonErrors },
      detail: { summary: 'Assign to an agent or move to a team (allowed in every permission mode)', tags, security: v1Security },
    })
    .post('/chats/:id/end', async ({ api, params }) => handoffChatDto(ctx, await endByApi(ctx, api, params.id)), {
      params: idParams,
      response: { 200: chatSchema, ...commonErrors },
      detail: { summary: 'End a chat', tags, security: v1Security },
    })
    .post('/chats/:id/choice', async ({ api, params, body }) => handoffChatDto(ctx, await answerChoiceByApi(ctx, api, params.id, body.choice)), {
      parse: 'json',
      params: idParams,
      body: choiceBody,
      response: { 200: chatSchema, ...commonErrors },
      detail: {
        summary: 'Answer the unresponsive-agent offer for the contact',
        description: 'When a message.created webhook carries `actions` (another_agent, keep_waiting), relay the contact’s pick here.',
        tags,
        security: v1Security,
      },
    })
    .get('/files/:id', async ({ api, params }) => downloadResponse(ctx, await findUpload(ctx, params.id, api.org._id)), {
      params: idParams,
      detail: { summary: 'Download an attachment of one of the organization’s chats', tags: [V1_TAGS.files], security: v1Security },
    });
}
