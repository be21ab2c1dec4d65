// File downloads that report progress as they arrive (the chats CSV). fetch streams the body, so
// the console counts rows and bytes while the server is still writing them; the server's
// `X-Total-Count` says how many rows to expect. The file is handed to the browser as a Blob at
// the end (an <a download> click), so the session cookie is sent like on every other call.
import { ApiError, buildQuery, toApiError, type Query } from './http';

export interface DownloadProgress {
  bytes: number;
  rows: number;
  /** Rows announced by the server; null if it did not say. */
  totalRows: number | null;
}

export interface DownloadResult {
  blob: Blob;
  fileName: string;
  rows: number;
}

const fileNameOf = (disposition: string | null, fallback: string) => /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;

/** Counts CSV records as bytes arrive: a LF outside quotes ends one (quoted newlines do not). */
export function csvRecordCounter() {
  let quoted = false;
  let records = 0;
  return {
    feed(chunk: string): number {
      for (let i = 0; i < chunk.length; i++) {
        const ch = chunk.charCodeAt(i);
        if (ch === 34) quoted = !quoted;
        else if (ch === 10 && !quoted) records++;
      }
      return records;
    },
  };
}

export async function downloadCsv(path: string, query: Query, onProgress: (p: DownloadProgress) => void, signal?: AbortSignal): Promise<DownloadResult> {
  let res: Response;
  try {
    res = await fetch(path + buildQuery(query), { headers: { accept: 'text/csv' }, credentials: 'same-origin', signal });
  } catch (err) {
    if ((err as { name?: string }).name === 'AbortError') throw err;
    throw new ApiError(0, 'UNAVAILABLE', 'Cannot reach the server. Check your connection.');
  }
  if (!res.ok) {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      body = undefined;
    }
    throw toApiError(res.status, body);
  }
  const announced = Number(res.headers.get('x-total-count'));
  const totalRows = Number.isFinite(announced) && res.headers.has('x-total-count') ? announced : null;
  const parts: Uint8Array[] = [];
  const decoder = new TextDecoder();
  const counter = csvRecordCounter();
  let bytes = 0;
  let records = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.byteLength;
    records = counter.feed(decoder.decode(value, { stream: true }));
    // The first record is the header line.
    onProgress({ bytes, rows: Math.max(0, records - 1), totalRows });
  }
  const rows = Math.max(0, records - 1);
  onProgress({ bytes, rows, totalRows });
  return { blob: new Blob(parts as BlobPart[], { type: 'text/csv' }), fileName: fileNameOf(res.headers.get('content-disposition'), 'chats.csv'), rows };
}
