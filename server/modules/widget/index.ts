import { Elysia, t } from 'elysia';
import { widgetChatResponses } from '../../../shared/contract/chats';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { clientIp } from '../../http/client-ip';
import { visitorPlugin } from '../../http/visitor-auth';
import { chatDto } from '../../services/chats';
import { downloadResponse, findUpload, saveUpload } from '../../services/files';
import { toMessageDto } from '../../services/mappers';
import { listMessages, storeMessage } from '../../services/messages';
import { openVisitorSession, orgByWidgetKey, ownerOf, requireVisitor, visitorChat } from '../../services/visitors';
import { startVisitorChat, visitorChats, widgetConfig } from '../../services/widget';
import { chatIdParams, messagesQuery, sendBody } from '../chats/model';
import { choiceBody, configQuery, createChatBody, sessionBody, uploadBody, widgetResponses as r } from './model';
import { answerVisitorChoice } from '../../services/visitor-choice';

const tags = ['widget'];
const FILES = '/api/widget/files';

/**
 * The visitor API: everything the widget may do and nothing else. It is called from customers'
 * sites, so it answers CORS for any origin — authentication is the bearer token, never cookies.
 */
export function widgetModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/widget' })
    .onRequest(({ request, set }) => {
      if (!new URL(request.url).pathname.startsWith('/api/widget')) return;
      set.headers['access-control-allow-origin'] = '*';
      set.headers['access-control-allow-headers'] = 'authorization, content-type';
      set.headers['access-control-allow-methods'] = 'GET, POST, OPTIONS';
      set.headers['access-control-max-age'] = '600';
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: set.headers as Record<string, string> });
    })
    .use(visitorPlugin(ctx))
    .get('/config', async ({ query }) => widgetConfig(ctx, await orgByWidgetKey(ctx, query.org), query.team), {
      query: configQuery,
      response: r.config,
      detail: { summary: 'Widget appearance and whether the team is open', tags },
    })
    .post(
      '/session',
      async ({ body, request }) => {
        ctx.limiter.hit(`widget-session:${clientIp(ctx, request)}`, 60, 60_000);
        const org = await orgByWidgetKey(ctx, body.org);
        const { org: _key, ...rest } = body;
        const session = await openVisitorSession(ctx, { ...rest, org });
        return { token: session.token, contactId: session.contact._id.toString(), identified: session.identified };
      },
      { body: sessionBody, response: r.session, detail: { summary: 'Start or resume a visitor session (server-issued token)', tags } },
    )
    .get(
      '/chats',
      async ({ visitor }) => {
        const v = requireVisitor(visitor);
        return { items: await visitorChats(ctx, v) };
      },
      { response: r.chats, detail: { summary: "The visitor's chats, newest first", tags } },
    )
    .post(
      '/chats',
      async ({ visitor, body, set, request }) => {
        const v = requireVisitor(visitor);
        ctx.limiter.hit(`widget-chat:${clientIp(ctx, request)}`, 10, 60_000);
        const { chat, created } = await startVisitorChat(ctx, v, body.teamId);
        set.status = created ? 201 : 200;
        return chatDto(ctx, chat);
      },
      { body: createChatBody, response: r.started, detail: { summary: 'Start a chat (or get the open one)', tags } },
    )
    .get(
      '/chats/:id/messages',
      async ({ visitor, params, query }) => {
        const chat = await visitorChat(ctx, ownerOf(requireVisitor(visitor)), params.id);
        return { items: await listMessages(ctx, chat, query, FILES) };
      },
      { params: chatIdParams, query: messagesQuery, response: widgetChatResponses.messages, detail: { summary: 'Messages of a chat, ascending by seq', tags } },
    )
    .post(
      '/chats/:id/messages',
      async ({ visitor, params, body, set }) => {
        const v = requireVisitor(visitor);
        const chat = await visitorChat(ctx, ownerOf(v), params.id);
        if (chat.status === 'ended') throw new AppError('CONFLICT', 'This chat has ended; start a new one');
        const stored = await storeMessage(ctx, {
          chat,
          author: { kind: 'contact', id: v.contact._id, name: v.contact.name ?? null },
          text: body.text,
          clientId: body.clientId,
          attachmentIds: body.attachmentIds ?? [],
          openOnly: true,
        });
        set.status = stored.duplicate ? 200 : 201;
        return toMessageDto(stored.message, FILES);
      },
      { params: chatIdParams, body: sendBody, response: widgetChatResponses.sent, detail: { summary: 'Send a message (idempotent on clientId)', tags } },
    )
    .post(
      '/chats/:id/choice',
      async ({ visitor, params, body }) => {
        const chat = await visitorChat(ctx, ownerOf(requireVisitor(visitor)), params.id);
        return chatDto(ctx, await answerVisitorChoice(ctx, chat, body.choice));
      },
      { params: chatIdParams, body: choiceBody, response: r.chat, detail: { summary: 'Answer the unresponsive-agent offer', tags } },
    )
    .post(
      '/files',
      async ({ visitor, body, set, request }) => {
        const v = requireVisitor(visitor);
        ctx.limiter.hit(`widget-upload:${clientIp(ctx, request)}`, 20, 60_000);
        const chat = await visitorChat(ctx, ownerOf(v), body.chatId);
        if (chat.status === 'ended') throw new AppError('CONFLICT', 'This chat has ended; start a new one');
        set.status = 201;
        return saveUpload(ctx, { chat, file: body.file, uploaderKind: 'contact', uploaderId: v.contact._id }, FILES);
      },
      { body: uploadBody, response: widgetChatResponses.upload, detail: { summary: 'Upload a file into the chat', tags } },
    )
    .get(
      '/files/:id',
      async ({ visitor, params }) => {
        const v = requireVisitor(visitor);
        const file = await findUpload(ctx, params.id, v.org._id);
        await visitorChat(ctx, ownerOf(v), file.metadata.chatId.toString());
        return downloadResponse(ctx, file);
      },
      { params: t.Object({ id: t.String({ maxLength: 64 }) }), detail: { summary: 'Download a file of the visitor’s chat', tags } },
    );
}
