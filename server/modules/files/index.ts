import { Elysia, t } from 'elysia';
import { chatResponses } from '../chats/model';
import { uploadBody } from '../widget/model';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { clientIp } from '../../http/client-ip';
import { chatForAgent } from '../../services/access';
import { downloadResponse, findUpload, saveUpload } from '../../services/files';

export function filesModule(ctx: AppContext) {
  return new Elysia({ prefix: '/api/files' })
    .use(authPlugin(ctx))
    .post(
      '/',
      async ({ auth, body, set, request }) => {
        const a = requireAgent(auth);
        ctx.limiter.hit(`upload-agent:${a.user._id.toString()}:${clientIp(ctx, request)}`, 120, 60_000);
        const { chat } = await chatForAgent(ctx, a, body.chatId, 'upload');
        set.status = 201;
        return saveUpload(ctx, { chat, file: body.file, uploaderKind: 'agent', uploaderId: a.user._id }, '/api/files');
      },
      {
        body: uploadBody,
        response: chatResponses.upload,
        detail: { summary: 'Upload a file into a chat (then send a message with its id)', tags: ['files'] },
      },
    )
    .get(
      '/:id',
      async ({ auth, params }) => {
        const a = requireAgent(auth);
        const file = await findUpload(ctx, params.id, a.org._id);
        // The file is only as visible as its chat.
        await chatForAgent(ctx, a, file.metadata.chatId.toString(), 'view');
        return downloadResponse(ctx, file);
      },
      { params: t.Object({ id: t.String({ maxLength: 64 }) }), detail: { summary: 'Download a file', tags: ['files'] } },
    );
}
