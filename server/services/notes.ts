// Private notes (issue 17 item 2): an agent's remark in a chat for the team, never for the visitor.
//
// Notes are stored in their own collection (db/models/note.ts), not as messages, so every path a
// visitor reads — socket frames, widget history, resume and gap reads, the chat's preview — and
// every outside copy — webhooks (they follow message.created), transcripts and their e-mails (they
// read messages) — cannot carry one. They reach agents through their own bus event, delivered
// only to agent sockets allowed to see the chat (realtime/deliver-notes.ts).
import { NOTE_LIMITS, type CreateNoteInput, type NoteDto } from '../../shared/contract/notes';
import type { AppContext } from '../context';
import type { NoteDoc } from '../db/types';
import { badRequest } from '../errors';
import { chatFacts, chatForAgent } from './access';
import { mentionTargets, recordMentions } from './mentions';
import type { AgentAuth } from './sessions';

export const toNoteDto = (n: NoteDoc): NoteDto => ({
  id: n._id.toString(),
  chatId: n.chatId.toString(),
  author: { id: n.author?.id?.toString() ?? '', name: n.author?.name ?? null },
  text: n.text,
  mentions: (n.mentions ?? []).map((m) => m.toString()),
  createdAt: n.createdAt.toISOString(),
});

export async function listNotes(ctx: AppContext, auth: AgentAuth, chatId: string): Promise<NoteDto[]> {
  const { chat } = await chatForAgent(ctx, auth, chatId, 'view');
  const notes = await ctx.repos.forOrg(auth.org._id).notes.ofChat(chat._id, NOTE_LIMITS.listed);
  return notes.map(toNoteDto);
}

/** Anyone who may see the chat may leave a note in it (notes are for the team, not the contact). */
export async function createNote(ctx: AppContext, auth: AgentAuth, chatId: string, input: CreateNoteInput): Promise<NoteDto> {
  const { chat, team } = await chatForAgent(ctx, auth, chatId, 'view');
  const text = input.text.trim();
  if (text === '') throw badRequest('Write something in the note', 'body.text');
  if (text.length > NOTE_LIMITS.textLength) throw badRequest(`A note holds at most ${NOTE_LIMITS.textLength} characters`, 'body.text');
  // Checked before anything is written: a refused mention leaves no note behind.
  const targets = await mentionTargets(ctx, auth, chat, team, input.mentions ?? []);
  const note = (await ctx.repos.forOrg(auth.org._id).notes.insert({
    chatId: chat._id,
    author: { id: auth.user._id, name: auth.user.name ?? null },
    text,
    mentions: targets.map((m) => m._id),
    createdAt: ctx.clock.now(),
  })) as NoteDoc;
  const dto = toNoteDto(note);
  const facts = chatFacts(chat);
  await ctx.bus.publish({ kind: 'note.created', orgId: auth.org._id.toString(), chat: { id: chat._id.toString(), ...facts }, team, note: dto });
  await recordMentions(ctx, auth, chat, note, targets);
  return dto;
}
