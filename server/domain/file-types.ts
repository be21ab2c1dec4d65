// What an upload really is, from its first bytes — never from the name or the browser's claim.
// The name's extension must agree with the detected family, so `invoice.pdf.exe` can't pass as PDF.

export interface DetectedType {
  contentType: string;
  family: 'image' | 'pdf' | 'office' | 'text';
}

const startsWith = (bytes: Uint8Array, sig: number[], offset = 0): boolean => sig.every((b, i) => bytes[offset + i] === b);

const OFFICE_ZIP_EXT: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};
const OFFICE_OLE_EXT: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};
const TEXT_EXT: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  log: 'text/plain',
  json: 'application/json',
};
const IMAGE_EXT: Record<string, string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
};

export const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
};

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
    return true;
  } catch {
    // A multi-byte character cut at 4096 bytes is still text: retry on a slightly shorter slice.
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, 4093)));
      return true;
    } catch {
      return false;
    }
  }
}

/** The accepted type of a file, or null when its bytes and name don't make an allowed pair. */
export function detectFileType(bytes: Uint8Array, name: string): DetectedType | null {
  const ext = extensionOf(name);
  let image: string | null = null;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) image = 'image/png';
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) image = 'image/jpeg';
  else if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) image = 'image/gif';
  else if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) image = 'image/webp';
  if (image) return IMAGE_EXT[image]!.includes(ext) ? { contentType: image, family: 'image' } : null;

  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return ext === 'pdf' ? { contentType: 'application/pdf', family: 'pdf' } : null;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const type = OFFICE_ZIP_EXT[ext];
    return type ? { contentType: type, family: 'office' } : null;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const type = OFFICE_OLE_EXT[ext];
    return type ? { contentType: type, family: 'office' } : null;
  }
  const text = TEXT_EXT[ext];
  if (text && bytes.length > 0 && looksLikeText(bytes)) return { contentType: `${text}; charset=utf-8`.replace('application/json; charset=utf-8', 'application/json'), family: 'text' };
  return null;
}

export const ALLOWED_UPLOADS_DESCRIPTION = 'images (PNG, JPEG, GIF, WebP), PDF, Office and OpenDocument files, and text files (txt, csv, md, log, json)';
