/**
 * The wire bytes of documents an `insert` brought, kept (durable mode only) so the journal can
 * write those bytes instead of serializing the same document again: a stored document is the
 * object decoded from exactly these bytes with the options the journal decodes with, so
 * restoring either gives the same document. Entries are taken out when the journal record is
 * encoded; a document that was not stored, or was stored as a different object (an `_id` added
 * or moved first), is never journaled from here and its entry goes with it.
 */
import type { Doc } from './values.ts';

const raw = new WeakMap<Doc, Buffer>();

export function takeRaw(doc: Doc): Buffer | undefined {
  const bytes = raw.get(doc);
  if (bytes) raw.delete(doc);
  return bytes;
}

const FIXED: Record<number, number> = { 0x01: 8, 0x06: 0, 0x07: 12, 0x08: 1, 0x09: 8, 0x0a: 0, 0x10: 4, 0x11: 8, 0x12: 8, 0x13: 16, 0x7f: 0, 0xff: 0 };

/** Bytes taken by the value of an element of `type` at `at`; undefined for a type not known here. */
function valueSize(buf: Buffer, type: number, at: number): number | undefined {
  const fixed = FIXED[type];
  if (fixed !== undefined) return fixed;
  switch (type) {
    case 0x02: // string
    case 0x0d: // code
    case 0x0e: // symbol
      return 4 + buf.readInt32LE(at);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return buf.readInt32LE(at);
    case 0x05: // binary
      return 5 + buf.readInt32LE(at);
    case 0x0b: {
      // regex: two cstrings
      const a = buf.indexOf(0, at);
      const b = buf.indexOf(0, a + 1);
      return b + 1 - at;
    }
    case 0x0c: // DBPointer
      return 4 + buf.readInt32LE(at) + 12;
    default:
      return undefined;
  }
}

/**
 * Remembers the bytes of each document of the `documents` array in an insert command's body
 * (`body` is the BSON document at `start` of `frame`, `decoded` what it decoded to). Any
 * surprise in the layout: nothing is kept, and the journal serializes as before.
 */
export function keepInsertDocuments(frame: Buffer, start: number, decoded: Doc): void {
  const docs = decoded.documents;
  if (!Array.isArray(docs)) return;
  const end = start + frame.readInt32LE(start) - 1;
  let p = start + 4;
  while (p < end) {
    const type = frame[p] as number;
    const nameEnd = frame.indexOf(0, p + 1);
    if (nameEnd < 0 || nameEnd >= end) return;
    const name = frame.toString('latin1', p + 1, nameEnd);
    const at = nameEnd + 1;
    const size = valueSize(frame, type, at);
    if (size === undefined) return;
    if (name === 'documents' && type === 0x04) return keepArray(frame, at, docs);
    p = at + size;
  }
}

/** Documents given as an OP_MSG document sequence: each one's bytes as they are. */
export function keepSequenceDocument(frame: Buffer, start: number, next: number, doc: Doc): void {
  raw.set(doc, Buffer.from(frame.subarray(start, next)));
}

function keepArray(frame: Buffer, start: number, docs: unknown[]): void {
  const end = start + frame.readInt32LE(start) - 1;
  let p = start + 4;
  let i = 0;
  const found: [Doc, Buffer][] = [];
  while (p < end) {
    const type = frame[p] as number;
    const nameEnd = frame.indexOf(0, p + 1);
    if (nameEnd < 0 || nameEnd >= end) return;
    const at = nameEnd + 1;
    const doc = docs[i];
    if (type !== 0x03 || doc === null || typeof doc !== 'object') return;
    const size = frame.readInt32LE(at);
    found.push([doc as Doc, Buffer.from(frame.subarray(at, at + size))]);
    p = at + size;
    i++;
  }
  if (i !== docs.length) return;
  for (const [doc, bytes] of found) raw.set(doc, bytes);
}
