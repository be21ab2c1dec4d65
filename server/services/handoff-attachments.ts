// Files the bot platform relays for a contact (issue 16 item 3): uploaded through the API into a
// chat, then named by a relayed message (`fileIds`), or carried inline by a handoff transcript.
// Both go through the checks of widget uploads (files.ts: size, type by content) and end up as
// ordinary attachments, so agents see them in the console as they see visitor files.
//
// Decisions:
// - An API upload belongs to the chat's contact (uploaderKind `contact`): only a message relayed
//   as that contact can carry it, exactly as a visitor's upload only goes with their message.
// - Transcript files are inline base64 (a chat does not exist before the handoff, so there is
//   nothing to upload into yet); they are checked before anything is written and stored when
//   their transcript line is, never twice for a line already stored (a retried handoff).
import { ObjectId } from '../db/ids';
import type { TranscriptEntry } from '../../shared/contract/handoff';
import type { AppContext } from '../context';
import { ALLOWED_UPLOADS_DESCRIPTION, detectFileType } from '../domain/file-types';
import { AppError, badRequest, conflict } from '../errors';
import type { ChatDoc } from '../db/types';
import { cleanFileName, saveUpload } from './files';
import { MAX_ATTACHMENTS } from './messages';

/** Where v1 callers download attachments (handoff.ts's V1_FILES_BASE; not imported: handoff.ts imports this file). */
const V1_FILES = '/api/v1/files';

/** Refuses files of a chat the contact no longer writes in: not relayed, or ended. */
export function checkRelayable(chat: ChatDoc): void {
  if (chat.channel !== 'api') throw conflict('This chat is not relayed through the API (its contact uses the web widget)');
  if (chat.status === 'ended') throw conflict('This chat has ended; hand the contact off again to open a new one');
}

/** The ids of a relayed message's files, each an upload of this chat's contact; else a 400 on `body.fileIds[i]`. */
export async function relayAttachmentIds(ctx: AppContext, chat: ChatDoc, fileIds: readonly string[]): Promise<string[]> {
  if (fileIds.length === 0) return [];
  if (fileIds.length > MAX_ATTACHMENTS) throw badRequest(`At most ${MAX_ATTACHMENTS} files`, 'body.fileIds');
  const oids = fileIds.map((id) => new ObjectId(id));
  const found = await ctx.repos.forOrg(chat.orgId).files.findInChat(chat._id, oids);
  const ok = new Set(found.filter((f) => f.metadata.uploaderKind === 'contact' && String(f.metadata.uploaderId) === chat.contactId.toString()).map((f) => f._id.toString()));
  oids.forEach((oid, i) => {
    if (!ok.has(oid.toString())) throw badRequest('No such upload in this chat (upload it with POST /api/v1/chats/{id}/files)', `body.fileIds[${i}]`);
  });
  return oids.map((o) => o.toString());
}

interface DecodedFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

function decode(ctx: AppContext, entry: TranscriptEntry, i: number): DecodedFile[] {
  return (entry.attachments ?? []).map((a, j) => {
    const field = `body.transcript[${i}].attachments[${j}].contentBase64`;
    const bytes = new Uint8Array(Buffer.from(a.contentBase64, 'base64'));
    if (bytes.length === 0) throw badRequest('The file is empty', field);
    if (bytes.length > ctx.config.uploadMaxBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `Files can be at most ${Math.floor(ctx.config.uploadMaxBytes / 1_048_576)} MB`, field, { maxBytes: ctx.config.uploadMaxBytes });
    }
    const name = cleanFileName(a.name);
    if (!detectFileType(bytes, name)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `This file type is not allowed. Allowed: ${ALLOWED_UPLOADS_DESCRIPTION}`, field);
    return { name, bytes };
  });
}

/** Checks every inline file of the transcript before the handoff writes anything. */
export function checkTranscriptFiles(ctx: AppContext, entries: readonly TranscriptEntry[]): void {
  entries.forEach((entry, i) => decode(ctx, entry, i));
}

/**
 * Stores the inline files of transcript line `i` and answers their ids, or nothing when the line
 * is already stored (a repeated handoff: storeMessage then answers the stored message).
 */
export async function transcriptAttachmentIds(
  ctx: AppContext,
  chat: ChatDoc,
  i: number,
  entry: TranscriptEntry,
  author: { kind: 'contact' | 'bot'; id: ObjectId | null },
): Promise<string[]> {
  const files = decode(ctx, entry, i);
  if (files.length === 0) return [];
  if (await ctx.repos.forOrg(chat.orgId).messages.byClientId(chat._id, `handoff:${i}`)) return [];
  const ids: string[] = [];
  for (const f of files) {
    const saved = await saveUpload(ctx, { chat, file: new File([f.bytes], f.name), uploaderKind: author.kind, uploaderId: author.id }, V1_FILES);
    ids.push(saved.id);
  }
  return ids;
}
