import { Schema, type Connection, type InferSchemaType, type Types } from 'mongoose';
import { schemaOptions } from './common';

// A private note in a chat: written by an agent for the team, never for the visitor. Notes live
// apart from messages on purpose: every visitor-facing read (widget history, resume and gap reads,
// the chat's last-message preview, webhooks, transcripts) goes through the messages collection, so
// none of them can return a note, whatever filter it forgets. Notes take no `seq` either: a seq
// would leave a hole in the visitor's numbering and move the chat's preview.
const noteSchema = new Schema(
  {
    orgId: { type: Schema.Types.ObjectId, required: true },
    chatId: { type: Schema.Types.ObjectId, required: true },
    author: {
      id: { type: Schema.Types.ObjectId, required: true },
      name: { type: String, default: null },
    },
    text: { type: String, required: true },
    /** Members named with @ (each one allowed to see the chat when the note was written). */
    mentions: { type: [Schema.Types.ObjectId], default: [] },
    createdAt: { type: Date, required: true },
  },
  schemaOptions,
);
noteSchema.index({ orgId: 1, chatId: 1, createdAt: 1 });
// Search reads notes by text too (only for agents who may see their chat): one text index.
noteSchema.index({ text: 'text' }, { name: 'note_text', default_language: 'english' });

export type NoteDoc = InferSchemaType<typeof noteSchema> & { _id: Types.ObjectId };
export const noteModel = (conn: Connection) => conn.model('Note', noteSchema, 'notes');
