// Uploads live in GridFS (bucket `uploads`) with the org and chat in their metadata; every
// download re-checks that the caller may see that chat.
import { Readable } from 'node:stream';
import { ObjectId } from '../db/ids';
import type { AttachmentDto } from '../../shared/types/dto';
import type { AppContext } from '../context';
import { ALLOWED_UPLOADS_DESCRIPTION, detectFileType } from '../domain/file-types';
import { AppError, notFound } from '../errors';
import type { ChatDoc, StoredFile, UploadMeta } from '../db/types';
import { toAttachmentDto } from './mappers';

export type { UploadMeta };

/** Keeps a file name printable and short; the real type never comes from it. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned === '' ? 'file' : cleaned;
}

export async function saveUpload(
  ctx: AppContext,
  input: { chat: ChatDoc; file: File; uploaderKind: UploadMeta['uploaderKind']; uploaderId: ObjectId | null },
  filesBase: string,
): Promise<AttachmentDto> {
  const { file, chat } = input;
  if (file.size > ctx.config.uploadMaxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Files can be at most ${Math.floor(ctx.config.uploadMaxBytes / 1_048_576)} MB`, 'body.file', { maxBytes: ctx.config.uploadMaxBytes });
  }
  if (file.size === 0) throw new AppError('VALIDATION', 'The file is empty', 'body.file');
  const name = cleanFileName(file.name || 'file');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const detected = detectFileType(bytes, name);
  if (!detected) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `This file type is not allowed. Allowed: ${ALLOWED_UPLOADS_DESCRIPTION}`, 'body.file');

  const id = await ctx.repos.forOrg(chat.orgId).files.save(name, bytes, {
    chatId: chat._id,
    uploaderKind: input.uploaderKind,
    uploaderId: input.uploaderId,
    contentType: detected.contentType,
    name,
  });
  return toAttachmentDto({ fileId: id, name, contentType: detected.contentType, size: bytes.length }, filesBase);
}

/** The stored file if it belongs to one of `allowedChat`'s checks; otherwise 404. */
export async function findUpload(ctx: AppContext, fileId: string, orgId: ObjectId): Promise<StoredFile> {
  if (!/^[0-9a-fA-F]{24}$/.test(fileId)) throw notFound('File');
  const file = await ctx.repos.forOrg(orgId).files.find(new ObjectId(fileId));
  if (!file) throw notFound('File');
  return file;
}

/** Only for a file found through `findUpload` (its organization is the caller's). */
export function downloadResponse(ctx: AppContext, file: Pick<StoredFile, '_id' | 'length' | 'metadata'>): Response {
  const stream = ctx.repos.forOrg(file.metadata.orgId).files.openDownload(file) as Readable;
  const name = file.metadata.name;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Response(Readable.toWeb(stream) as unknown as ReadableStream, {
    headers: {
      'content-type': file.metadata.contentType,
      'content-length': String(file.length),
      // Served as an attachment with nosniff: an upload can never run as a page of ours.
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=3600',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}
