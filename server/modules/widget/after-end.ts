// The widget's routes for an ended chat (issue 18): rate it, have its transcript e-mailed.
// Same doors as the rest of the visitor API (modules/widget/index.ts): the bearer visitor token,
// the organization's allowed origins, the visitor's own chats only.
import { Elysia } from 'elysia';
import { afterEndResponses as r, rateBody, transcriptBody } from '../../../shared/contract/after-end';
import type { AppContext } from '../../context';
import { visitorPlugin } from '../../http/visitor-auth';
import { visitorChatDto } from '../../services/chats';
import { rateChat } from '../../services/ratings';
import { requestTranscript } from '../../services/transcripts';
import { ownerOf, requireVisitor, visitorChat } from '../../services/visitors';
import { requireWidgetOrigin } from '../../services/widget-origins';
import { chatIdParams } from '../chats/model';

const tags = ['widget'];

export function widgetAfterEndModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/widget' })
    .use(visitorPlugin(ctx))
    .onBeforeHandle(({ visitor, request }) => {
      if (visitor && visitor !== 'expired') requireWidgetOrigin(ctx.config, visitor.org, request);
    })
    .post(
      '/chats/:id/rating',
      async ({ visitor, params, body }) => {
        const v = requireVisitor(visitor);
        const chat = await visitorChat(ctx, ownerOf(v), params.id);
        return visitorChatDto(ctx, await rateChat(ctx, chat, body));
      },
      {
        params: chatIdParams,
        body: rateBody,
        response: r.rated,
        detail: { summary: 'Rate the ended chat: 1–5 stars and an optional comment (again within 24 h of the end replaces it; 409 before the end or after)', tags },
      },
    )
    .post(
      '/chats/:id/transcript',
      async ({ visitor, params, body, set }) => {
        const v = requireVisitor(visitor);
        const chat = await visitorChat(ctx, ownerOf(v), params.id);
        const sent = await requestTranscript(ctx, v, chat, body);
        set.status = 202;
        return sent;
      },
      {
        params: chatIdParams,
        body: transcriptBody,
        response: r.transcript,
        detail: { summary: 'E-mail the ended chat’s transcript to the visitor (the e-mail given, else the contact’s); 3 per chat and hour', tags },
      },
    );
}
