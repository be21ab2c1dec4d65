// Files in and out of the chat: the composer's uploader (an upload needs a chat, so it creates
// one on demand) and attachment previews. Attachments need the visitor's Bearer token, so they
// are fetched once and shown through blob: URLs, revoked when the widget goes away.
import type { AttachmentDto } from '../../shared/types/dto';
import { ApiError, fetchBlobUrl, uploadFile, type UploadHandle, type WidgetApi } from '../internal/api';
import { resolveServerPath } from '../internal/embed';
import type { Uploader } from './uploads';

export interface AttachmentsOptions {
  base: string;
  api: WidgetApi;
  token(): string | null;
  ensureChat(): Promise<{ id: string }>;
}

export class Attachments {
  private readonly previews = new Map<string, Promise<string>>();

  constructor(private readonly opts: AttachmentsOptions) {}

  /** For the composer's UploadController: makes sure a chat exists, then uploads into it. */
  readonly uploader: Uploader = async (file: File, onProgress: (f: number) => void): Promise<UploadHandle> => {
    const chat = await this.opts.ensureChat();
    return uploadFile(this.opts.api.filesUrl(), this.opts.token(), file, { chatId: chat.id }, onProgress);
  };

  /** A blob: URL for an attachment (fetched once with the Bearer token). */
  blobUrl(attachment: AttachmentDto): Promise<string> {
    let p = this.previews.get(attachment.id);
    if (!p) {
      const url = resolveServerPath(this.opts.base, attachment.url);
      p = url ? fetchBlobUrl(url, this.opts.token()) : Promise.reject(new ApiError(0, 'BAD_REQUEST', 'bad url'));
      // A failure is not cached: the next render may try again.
      p.catch(() => this.previews.delete(attachment.id));
      this.previews.set(attachment.id, p);
    }
    return p;
  }

  async open(attachment: AttachmentDto): Promise<void> {
    const url = await this.blobUrl(attachment);
    const a = document.createElement('a');
    a.href = url;
    a.download = attachment.name;
    a.rel = 'noopener';
    a.click();
  }

  /** The widget goes away: free the blobs. */
  revokeAll(): void {
    for (const p of this.previews.values()) void p.then((u) => URL.revokeObjectURL(u), () => undefined);
    this.previews.clear();
  }
}
