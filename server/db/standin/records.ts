/**
 * On-disk record format shared by the journal and the snapshots of the durable stand-in.
 *
 *   file   = magic (8 bytes: "PHXJRNL1" or "PHXSNAP1") record*
 *   record = u32le payloadLength, u32le crc32(payload), payload
 *   payload = one or more BSON documents back to back (each carries its own int32 length)
 *
 * One record holds every change of one command, so a command is replayed entirely or not at
 * all. Reading distinguishes a torn tail (the crash interrupted the last write: the record runs
 * past the end of the file, fails its checksum as the very last bytes, or the file ends in
 * zeros) from corruption earlier in the file, which is an error naming the file and byte offset.
 */
import { BSON } from 'bson';
import { takeRaw } from './raw-docs.ts';
import type { Change } from './storage.ts';
import type { Doc } from './values.ts';

export const JOURNAL_MAGIC = Buffer.from('PHXJRNL1');
export const SNAPSHOT_MAGIC = Buffer.from('PHXSNAP1');
export const RECORD_HEADER_BYTES = 8;
/** Far above any real record (the wire caps a message at 48 MB); a larger length is damage. */
const MAX_PAYLOAD_BYTES = 1 << 30;

/**
 * Must match wire.ts: restored documents have to be of the same JS types as the ones the
 * commands stored (Longs stay Longs, int32/double become numbers).
 */
const DESERIALIZE = { promoteLongs: false, promoteValues: true, promoteBuffers: false, bsonRegExp: false } as const;
const SERIALIZE = { ignoreUndefined: true, checkKeys: false } as const;

export const crc32: (data: Uint8Array) => number = (data) => Bun.hash.crc32(data);

export class CorruptFileError extends Error {}

export function encodeChanges(changes: readonly Change[]): Buffer {
  const parts: Buffer[] = [Buffer.alloc(RECORD_HEADER_BYTES)];
  for (const change of changes) {
    const raw = change.o === 'put' ? takeRaw(change.doc) : undefined;
    parts.push(raw && change.o === 'put' ? encodePut(change.d, change.c, raw) : Buffer.from(BSON.serialize(change, SERIALIZE)));
  }
  return sealRecord(Buffer.concat(parts));
}

const cstring = (s: string): Buffer => Buffer.from(`${s}\0`, 'utf8');
const NAME_O = cstring('o');
const NAME_D = cstring('d');
const NAME_C = cstring('c');
const NAME_DOC = cstring('doc');
const PUT = bsonString('put');

function bsonString(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  const out = Buffer.alloc(4 + bytes.length + 1);
  out.writeInt32LE(bytes.length + 1, 0);
  bytes.copy(out, 4);
  return out;
}

const TYPE_STRING = Buffer.from([0x02]);
const TYPE_DOCUMENT = Buffer.from([0x03]);
const END = Buffer.from([0x00]);

/**
 * `{ o: 'put', d, c, doc }` as BSON.serialize would write it, with the document's own bytes as
 * they came on the wire (raw-docs.ts) instead of serializing it again.
 */
export function encodePut(d: string, c: string, doc: Buffer): Buffer {
  const parts = [Buffer.alloc(4), TYPE_STRING, NAME_O, PUT, TYPE_STRING, NAME_D, bsonString(d), TYPE_STRING, NAME_C, bsonString(c), TYPE_DOCUMENT, NAME_DOC, doc, END];
  const out = Buffer.concat(parts);
  out.writeInt32LE(out.length, 0);
  return out;
}

/** Fills in the header of a buffer whose first 8 bytes were reserved for it. */
export function sealRecord(record: Buffer): Buffer {
  const payload = record.subarray(RECORD_HEADER_BYTES);
  record.writeUInt32LE(payload.length, 0);
  record.writeUInt32LE(crc32(payload), 4);
  return record;
}

export function decodePayload(payload: Buffer): Change[] {
  const out: Change[] = [];
  let pos = 0;
  while (pos < payload.length) {
    const size = payload.readInt32LE(pos);
    out.push(BSON.deserialize(payload.subarray(pos, pos + size), DESERIALIZE) as Doc as Change);
    pos += size;
  }
  return out;
}

export interface ScanResult {
  /** Bytes up to the end of the last intact record (where appending may resume). */
  validBytes: number;
  records: number;
  /** Why the bytes after `validBytes` were dropped, when there were any. */
  torn?: string;
}

function allZero(buf: Buffer, from: number): boolean {
  for (let i = from; i < buf.length; i++) if (buf[i] !== 0) return false;
  return true;
}

/**
 * Walks the records of `buf` (a whole file) and hands each intact payload to `onRecord`.
 * `tolerateTornTail` is true only for the newest journal: a snapshot is renamed into place
 * after its fsync, so any damage in it is corruption.
 */
export function scanRecords(
  buf: Buffer,
  file: string,
  magic: Buffer,
  tolerateTornTail: boolean,
  onRecord: (payload: Buffer, offset: number) => void,
): ScanResult {
  const corrupt = (offset: number, records: number, why: string): CorruptFileError =>
    new CorruptFileError(`standin: ${file} is corrupt at byte ${offset} (record ${records + 1}): ${why}`);
  const torn = (validBytes: number, records: number, why: string): ScanResult => {
    if (!tolerateTornTail) throw corrupt(validBytes, records, why);
    return { validBytes, records, torn: why };
  };
  if (buf.length < magic.length) {
    // The file was being created when the process died: nothing in it was ever acknowledged.
    if (allZero(buf, 0) || magic.subarray(0, buf.length).equals(buf)) return torn(0, 0, 'incomplete file header');
    throw corrupt(0, 0, 'not a stand-in file (bad magic)');
  }
  if (!buf.subarray(0, magic.length).equals(magic)) throw corrupt(0, 0, 'not a stand-in file (bad magic)');
  let pos = magic.length;
  let records = 0;
  while (pos < buf.length) {
    if (allZero(buf, pos)) return torn(pos, records, 'zero-filled tail');
    if (buf.length - pos < RECORD_HEADER_BYTES) return torn(pos, records, 'incomplete record header');
    const length = buf.readUInt32LE(pos);
    const end = pos + RECORD_HEADER_BYTES + length;
    if (end > buf.length) return torn(pos, records, `record of ${length} bytes runs past the end of the file`);
    if (length < 5 || length > MAX_PAYLOAD_BYTES) throw corrupt(pos, records, `implausible record length ${length}`);
    const payload = buf.subarray(pos + RECORD_HEADER_BYTES, end);
    if (crc32(payload) !== buf.readUInt32LE(pos + 4)) {
      if (end === buf.length) return torn(pos, records, 'checksum mismatch in the last record');
      throw corrupt(pos, records, 'checksum mismatch');
    }
    try {
      onRecord(payload, pos);
    } catch (err) {
      throw corrupt(pos, records, `record does not apply: ${err instanceof Error ? err.message : String(err)}`);
    }
    records++;
    pos = end;
  }
  return { validBytes: pos, records };
}
