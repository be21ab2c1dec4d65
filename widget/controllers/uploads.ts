// Files staged in the composer: checked before any byte leaves (size, type, count), then
// uploaded at once with XHR progress, so by the time the visitor presses Enter the attachment
// ids are usually ready. The uploader is injected by the chat controller because an upload needs
// a chat id (the chat is created on demand) and the visitor token.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AttachmentDto } from '../../shared/types/dto';
import type { UploadHandle } from '../internal/api';
import { errorSentence } from '../internal/errors';
import { checkFile, formatBytes, MAX_FILE_BYTES, MAX_FILES_PER_MESSAGE } from '../internal/files';
import type { Translate } from '../internal/strings';

export type Uploader = (file: File, onProgress: (fraction: number) => void) => Promise<UploadHandle>;

export interface StagedUpload {
  key: number;
  name: string;
  size: number;
  state: 'uploading' | 'done' | 'error';
  progress: number;
  attachment?: AttachmentDto;
  error?: string;
  abort?: () => void;
}

let nextKey = 1;

export class UploadController implements ReactiveController {
  items: StagedUpload[] = [];
  /** Problems found before uploading (wrong type, too large): shown, never sent. */
  problems: string[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly uploader: () => Uploader | null,
    private readonly t: () => Translate,
    /** The server's upload limit (UPLOAD_MAX_BYTES), when known. */
    private readonly maxBytes: () => number | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    for (const item of this.items) item.abort?.();
  }

  get busy(): boolean {
    return this.items.some((i) => i.state === 'uploading');
  }

  get ready(): AttachmentDto[] {
    return this.items.flatMap((i) => (i.state === 'done' && i.attachment ? [i.attachment] : []));
  }

  add(files: Iterable<File>): void {
    const t = this.t();
    const problems: string[] = [];
    const max = this.maxBytes() ?? MAX_FILE_BYTES;
    for (const file of files) {
      const problem = checkFile(file, max);
      if (problem === 'too_large') problems.push(t('fileTooLarge', { name: file.name, max: formatBytes(max) }));
      else if (problem === 'empty') problems.push(t('fileEmpty', { name: file.name }));
      else if (problem === 'bad_type') problems.push(t('fileBadType', { name: file.name }));
      else if (this.items.filter((i) => i.state !== 'error').length >= MAX_FILES_PER_MESSAGE)
        problems.push(t('tooManyFiles', { max: MAX_FILES_PER_MESSAGE }));
      else void this.start(file);
    }
    this.problems = problems;
    this.host.requestUpdate();
  }

  remove(key: number): void {
    this.items.find((i) => i.key === key)?.abort?.();
    this.items = this.items.filter((i) => i.key !== key);
    this.host.requestUpdate();
  }

  /** After a send: the staged files went with the message. */
  clear(): void {
    this.items = this.items.filter((i) => i.state === 'uploading');
    this.problems = [];
    this.host.requestUpdate();
  }

  private patch(key: number, patch: Partial<StagedUpload>): void {
    this.items = this.items.map((i) => (i.key === key ? { ...i, ...patch } : i));
    this.host.requestUpdate();
  }

  private async start(file: File): Promise<void> {
    const key = nextKey++;
    this.items = [...this.items, { key, name: file.name, size: file.size, state: 'uploading', progress: 0 }];
    this.host.requestUpdate();
    const upload = this.uploader();
    try {
      if (!upload) throw new Error('not ready');
      const handle = await upload(file, (progress) => this.patch(key, { progress }));
      if (!this.items.some((i) => i.key === key)) return handle.abort();
      this.patch(key, { abort: handle.abort });
      const attachment = await handle.promise;
      this.patch(key, { state: 'done', progress: 1, attachment, abort: undefined });
    } catch (e) {
      if (!this.items.some((i) => i.key === key)) return;
      // A human sentence, never the server's own words (see internal/errors.ts).
      const t = this.t();
      this.patch(key, { state: 'error', error: errorSentence(e, t, t('uploadFailed')), abort: undefined });
    }
  }
}
