// Private notes in a chat, the members a note may name, and the caller's mentions.
import { Elysia } from 'elysia';
import { createNoteBody, mentionIdParams, noteResponses as r } from '../../../shared/contract/notes';
import { chatIdParams } from '../../../shared/contract/chats';
import type { AppContext } from '../../context';
import { authPlugin, requireAgent } from '../../http/auth';
import { installMentionMail } from './mention-mail';
import { listMentions, markMentionRead, mentionableMembers } from '../../services/mentions';
import { createNote, listNotes } from '../../services/notes';

const tags = ['notes'];

export function notesModule(ctx: AppContext) {
  installMentionMail(ctx);
  return new Elysia({ prefix: '/api' })
    .use(authPlugin(ctx))
    .get('/chats/:id/notes', async ({ auth, params }) => ({ items: await listNotes(ctx, requireAgent(auth), params.id) }), {
      params: chatIdParams,
      response: r.list,
      detail: { summary: 'The private notes of a chat (agents who may see it; never the visitor)', tags },
    })
    .post(
      '/chats/:id/notes',
      async ({ auth, params, body, set }) => {
        const note = await createNote(ctx, requireAgent(auth), params.id, body);
        set.status = 201;
        return note;
      },
      { params: chatIdParams, body: createNoteBody, response: r.create, detail: { summary: 'Write a private note, optionally naming members with @', tags } },
    )
    .get('/chats/:id/mentionable', async ({ auth, params }) => ({ items: await mentionableMembers(ctx, requireAgent(auth), params.id) }), {
      params: chatIdParams,
      response: r.mentionable,
      detail: { summary: 'Members a note in this chat may name (those who may see the chat)', tags },
    })
    .get('/mentions', ({ auth }) => listMentions(ctx, requireAgent(auth)), {
      response: r.mentions,
      detail: { summary: 'Where I was mentioned, newest first', tags },
    })
    .post('/mentions/:id/read', ({ auth, params }) => markMentionRead(ctx, requireAgent(auth), params.id), {
      params: mentionIdParams,
      response: r.read,
      detail: { summary: 'Mark one of my mentions as read', tags },
    });
}
