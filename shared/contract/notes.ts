// Private notes in a chat and the @mentions they carry (issue 17 item 2). A note is the team's
// alone: it never reaches the visitor, webhooks or transcripts (see server/services/notes.ts).
import { chatSchema } from './chats';
import { t, consoleErrors, errorBody, id, isoDate, listOf, nullable, strict, type Static } from './common';

export const NOTE_LIMITS = { textLength: 5000, mentions: 20, listed: 500 } as const;

export const noteSchema = t.Object(
  {
    id,
    chatId: id,
    author: t.Object({ id, name: nullable(t.String()) }),
    text: t.String(),
    mentions: t.Array(id, { description: 'Members named with @' }),
    createdAt: isoDate,
  },
  { title: 'Note' },
);

export const mentionSchema = t.Object(
  {
    id,
    chatId: id,
    noteId: id,
    by: t.Object({ id, name: nullable(t.String()) }),
    excerpt: t.String(),
    createdAt: isoDate,
    read: t.Boolean(),
    chat: nullable(chatSchema, { description: 'The chat, when the member may still see it' }),
  },
  { title: 'Mention' },
);

export const mentionableSchema = t.Object({ id, name: t.String(), email: t.String() }, { title: 'MentionableMember' });

export const createNoteBody = t.Object(
  {
    text: t.String({ maxLength: 20_000 }),
    mentions: t.Optional(t.Array(t.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 })),
  },
  strict,
);
export const mentionIdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) }, strict);

export const noteResponses = {
  list: { 200: listOf(noteSchema), ...consoleErrors },
  create: { 201: noteSchema, ...consoleErrors, 409: errorBody },
  mentionable: { 200: listOf(mentionableSchema), ...consoleErrors },
  mentions: { 200: t.Object({ items: t.Array(mentionSchema), unread: t.Number() }), ...consoleErrors },
  read: { 200: mentionSchema, ...consoleErrors },
} as const;

export type NoteDto = Static<typeof noteSchema>;
export type MentionDto = Static<typeof mentionSchema>;
export type MentionableMember = Static<typeof mentionableSchema>;
export type CreateNoteInput = Static<typeof createNoteBody>;
