// What the visitor may attach, checked before any byte is sent so errors show at once. The
// server checks again by magic bytes; this is about fast, friendly feedback, not security.

/** The server's default UPLOAD_MAX_BYTES; the widget config says the server's actual limit. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** The socket protocol accepts at most 10 attachment ids per message. */
export const MAX_FILES_PER_MESSAGE = 10;

const TYPES_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  rtf: 'application/rtf',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  log: 'text/plain',
};

// Macro-enabled office formats (.docm, .xlsm) are deliberately absent.
const ALLOWED_TYPES = new Set([...Object.values(TYPES_BY_EXTENSION), 'text/rtf', 'application/csv']);

/** For the file picker's `accept`, so the OS dialog already filters. */
export const ACCEPT = [...Object.keys(TYPES_BY_EXTENSION).map((e) => `.${e}`), 'image/png', 'image/jpeg', 'image/gif', 'image/webp'].join(',');

export type FileProblem = 'too_large' | 'empty' | 'bad_type';

export interface FileLike {
  name: string;
  size: number;
  type: string;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The browser's `type` comes from the extension on most systems and is empty on some; accept a
 * file when its declared type is allowed, or when it has no declared type and a known extension.
 * A declared type that is not allowed (an .exe renamed .pdf still says application/x-msdownload
 * on some systems) is refused even with an allowed extension.
 */
export function checkFile(file: FileLike, maxBytes = MAX_FILE_BYTES): FileProblem | null {
  if (file.size > maxBytes) return 'too_large';
  if (file.size === 0) return 'empty';
  const type = file.type.toLowerCase().split(';')[0]!.trim();
  const ext = extensionOf(file.name);
  if (type) {
    if (ALLOWED_TYPES.has(type)) return null;
    // Windows reports CSV as application/vnd.ms-excel (allowed) but some systems say text/x-csv.
    if (type.startsWith('text/') && ext in TYPES_BY_EXTENSION) return null;
    return 'bad_type';
  }
  return ext in TYPES_BY_EXTENSION ? null : 'bad_type';
}

export function isImage(contentType: string): boolean {
  return /^image\/(png|jpe?g|gif|webp)$/i.test(contentType);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
