// File upload with progress. fetch() has no upload progress, so this one call uses XHR.
import type { AttachmentDto } from '../../../shared/types/dto';
import { chatResponses } from '../../../shared/contract/chats';
import { decodeAnswer } from './answers';
import { ApiError, toApiError } from './http';

export interface UploadHandle {
  promise: Promise<AttachmentDto>;
  abort(): void;
}

export function uploadFile(
  file: File,
  chatId: string,
  onProgress: (fraction: number) => void,
  url = '/api/files',
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<AttachmentDto>((resolve, reject) => {
    const form = new FormData();
    form.append('chatId', chatId);
    form.append('file', file, file.name);
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        try {
          resolve(decodeAnswer(chatResponses.upload[201], data, xhr.status, `POST ${url}`));
        } catch (err) {
          reject(err);
        }
      } else reject(toApiError(xhr.status, data));
    };
    xhr.onerror = () => reject(new ApiError(0, 'UNAVAILABLE', 'Upload failed: cannot reach the server.'));
    xhr.onabort = () => reject(new ApiError(0, 'BAD_REQUEST', 'Upload cancelled.', undefined, { cancelled: true }));
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
