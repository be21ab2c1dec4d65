import { Elysia, t } from 'elysia';
import { widgetChatResponses } from '../../../shared/contract/chats';
import type { AppContext } from '../../context';
import { clientIp } from '../../http/client-ip';
import { visitorPlugin } from '../../http/visitor-auth';
import { visitorChatDto as chatDto } from '../../services/chats';
import { downloadResponse, findUpload, saveUpload } from '../../services/files';
import { toMessageDto } from '../../services/mappers';
import { listMessages, storeMessage } from '../../services/messages';
import { chatEnded, openVisitorSession, orgByWidgetKey, ownerOf, requireVisitor, visitorChat, type VisitorAuth } from '../../services/visitors';
import { countVisitorAction } from '../../services/visitor-limits';
import { endVisitorChat, startVisitorChat, visitorChats, widgetConfig } from '../../services/widget';
import { requireWidgetOrigin } from '../../services/widget-origins';
import { visitorErrors } from '../../../shared/contract/widget-api';
import { chatIdParams, messagesQuery, sendBody } from '../chats/model';
import { choiceBody, configQuery, createChatBody, sessionBody, uploadBody, widgetResponses as r } from './model';
import { answerVisitorChoice } from '../../services/visitor-choice';
import { submitPrechat } from '../../services/prechat';
import { leaveOfflineMessage } from '../../services/offline-messages';
import { chatQueuePosition } from '../../services/queue-position';
import { widgetTeam } from '../../services/widget';
import { installVisitorForms } from './visitor-forms';
import { offlineBody, prechatBody } from './model';

const tags = ['widget'];
const FILES = '/api/widget/files';

/** A visitor's own identity for the rate limits (services/visitor-limits.ts). */
const who = (ctx: AppContext, v: VisitorAuth, request: Request) => ({ contactId: v.contact._id.toString(), address: clientIp(ctx, request) });

/**
 * The visitor API: everything the widget may do and nothing else. It is called from customers'
 * sites — authentication is the bearer token, never cookies — but only from the sites the
 * organization allows (widget `allowedOrigins`, services/widget-origins.ts): each route checks the
 * page's Origin once it knows the organization (from the widget key, or the visitor's token)
 * and refuses others with 403 `origin_not_allowed` before doing anything.
 *
 * CORS: the answer names the requesting origin (with `Vary: Origin`), never `*`. Data only ever
 * goes to allowed origins, since a refused one gets the 403 instead; the refusal itself, like a
 * 401 or 429, is readable by the page so the widget can say in the console why it cannot run.
 * Preflights are answered for any origin: the organization is not known before the real request.
 */
export function widgetModule(ctx: AppContext) {
  installVisitorForms(ctx);
  return new Elysia({ prefix: '/api/widget' })
    .onRequest(({ request, set }) => {
      if (!new URL(request.url).pathname.startsWith('/api/widget')) return;
      const origin = request.headers.get('origin');
      if (origin !== null) set.headers['access-control-allow-origin'] = origin;
      set.headers.vary = 'Origin';
      set.headers['access-control-allow-headers'] = 'authorization, content-type';
      set.headers['access-control-allow-methods'] = 'GET, POST, OPTIONS';
      set.headers['access-control-max-age'] = '600';
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: set.headers as Record<string, string> });
    })
    .use(visitorPlugin(ctx))
    .onBeforeHandle(({ visitor, request }) => {
      // Token routes: the organization is the visitor's (an expired token is refused by the route).
      if (visitor && visitor !== 'expired') requireWidgetOrigin(ctx.config, visitor.org, request);
    })
    .get(
      '/config',
      async ({ query, request }) => {
        const org = await orgByWidgetKey(ctx, query.org);
        requireWidgetOrigin(ctx.config, org, request);
        return widgetConfig(ctx, org, query.team, query.locale);
      },
      {
        query: configQuery,
        response: r.config,
        detail: { summary: 'Widget appearance, limits and whether the team is open', tags },
      },
    )
    .post(
      '/session',
      async ({ body, request }) => {
        ctx.limiter.hit(`widget-session:${clientIp(ctx, request)}`, 60, 60_000);
        const org = await orgByWidgetKey(ctx, body.org);
        requireWidgetOrigin(ctx.config, org, request);
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
        countVisitorAction(ctx, 'chat', who(ctx, v, request));
        const { chat, created } = await startVisitorChat(ctx, v, body.teamId, body.locale);
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
      { params: chatIdParams, query: messagesQuery, response: { ...widgetChatResponses.messages, 403: visitorErrors[403] }, detail: { summary: 'Messages of a chat, ascending by seq', tags } },
    )
    .post(
      '/chats/:id/messages',
      async ({ visitor, params, body, set, request }) => {
        const v = requireVisitor(visitor);
        countVisitorAction(ctx, 'message', who(ctx, v, request));
        const chat = await visitorChat(ctx, ownerOf(v), params.id);
        if (chat.status === 'ended') throw chatEnded();
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
      { params: chatIdParams, body: sendBody, response: { ...widgetChatResponses.sent, 403: visitorErrors[403] }, detail: { summary: 'Send a message (idempotent on clientId)', tags } },
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
      '/chats/:id/end',
      async ({ visitor, params }) => {
        const v = requireVisitor(visitor);
        const chat = await visitorChat(ctx, ownerOf(v), params.id);
        return chatDto(ctx, await endVisitorChat(ctx, v, chat));
      },
      { params: chatIdParams, response: r.chat, detail: { summary: 'End the chat (409 chat_already_ended when it has ended)', tags } },
    )
    .post(
      '/prechat',
      async ({ visitor, body }) => {
        const v = requireVisitor(visitor);
        const contact = await submitPrechat(ctx, v, await widgetTeam(ctx, v.org, body.teamId), body);
        return { contactId: contact._id.toString() };
      },
      { body: prechatBody, response: r.prechat, detail: { summary: 'Answer the team’s pre-chat form (fills the contact; 400 names the field)', tags } },
    )
    .post(
      '/offline-messages',
      async ({ visitor, body, set, request }) => {
        const v = requireVisitor(visitor);
        countVisitorAction(ctx, 'chat', who(ctx, v, request));
        const chat = await leaveOfflineMessage(ctx, v, await widgetTeam(ctx, v.org, body.teamId), body);
        set.status = 201;
        return chatDto(ctx, chat);
      },
      {
        body: offlineBody,
        response: r.offline,
        detail: { summary: 'Leave a message while the team is away (a chat in the queue; answers also go by e-mail)', tags },
      },
    )
    .get(
      '/chats/:id/queue',
      async ({ visitor, params }) => chatQueuePosition(ctx, await visitorChat(ctx, ownerOf(requireVisitor(visitor)), params.id)),
      { params: chatIdParams, response: r.queue, detail: { summary: 'The chat’s place in the team’s queue and the typical wait (then live as queue.position frames)', tags } },
    )
    .post(
      '/files',
      async ({ visitor, body, set, request }) => {
        const v = requireVisitor(visitor);
        countVisitorAction(ctx, 'upload', who(ctx, v, request));
        const chat = await visitorChat(ctx, ownerOf(v), body.chatId);
        if (chat.status === 'ended') throw chatEnded();
        set.status = 201;
        return saveUpload(ctx, { chat, file: body.file, uploaderKind: 'contact', uploaderId: v.contact._id }, FILES);
      },
      { body: uploadBody, response: { ...widgetChatResponses.upload, 403: visitorErrors[403] }, detail: { summary: 'Upload a file into the chat', tags } },
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
