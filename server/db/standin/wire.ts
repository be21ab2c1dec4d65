/**
 * MongoDB wire protocol framing: OP_QUERY (only for the legacy handshake), OP_MSG for everything
 * else, OP_REPLY / OP_MSG replies. Anything malformed throws WireError, and the connection that
 * sent it is closed — other clients are unaffected.
 */
import { BSON } from 'bson';
import { keepInsertDocuments, keepSequenceDocument } from './raw-docs.ts';
import type { Doc } from './values.ts';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MAX_MESSAGE_BYTES = 48_000_000;
export const HEADER_BYTES = 16;

const FLAG_CHECKSUM_PRESENT = 1 << 0;
export const FLAG_MORE_TO_COME = 1 << 1;
const FLAG_EXHAUST_ALLOWED = 1 << 16;
const KNOWN_MSG_FLAGS = FLAG_CHECKSUM_PRESENT | FLAG_MORE_TO_COME | FLAG_EXHAUST_ALLOWED;

/** How incoming BSON is decoded: Longs stay Longs so they round-trip exactly; int32/double become numbers for mingo. */
const DESERIALIZE = { promoteLongs: false, promoteValues: true, promoteBuffers: false, bsonRegExp: false } as const;

export class WireError extends Error {}

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export interface IncomingCommand {
  header: Header;
  /** The command document with kind-1 sequences merged in as arrays. */
  command: Doc;
  /** Database from `$db` (OP_MSG) or the `db.$cmd` namespace (OP_QUERY). */
  db: string;
  /** OP_QUERY requests get an OP_REPLY; OP_MSG gets OP_MSG. */
  legacy: boolean;
  /** The client asked for no reply (OP_MSG moreToCome). */
  moreToCome: boolean;
}

function readHeader(frame: Buffer): Header {
  return {
    length: frame.readInt32LE(0),
    requestId: frame.readInt32LE(4),
    responseTo: frame.readInt32LE(8),
    opCode: frame.readInt32LE(12),
  };
}

function readDocument(frame: Buffer, offset: number, end: number): { doc: Doc; next: number } {
  if (offset + 5 > end) throw new WireError('truncated document');
  const size = frame.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new WireError('document length out of bounds');
  try {
    const doc = BSON.deserialize(frame.subarray(offset, offset + size), DESERIALIZE) as Doc;
    return { doc, next: offset + size };
  } catch (err) {
    throw new WireError(`invalid BSON: ${(err as Error).message}`);
  }
}

function readCString(frame: Buffer, offset: number, end: number): { value: string; next: number } {
  const zero = frame.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new WireError('unterminated cstring');
  return { value: frame.toString('utf8', offset, zero), next: zero + 1 };
}

/** `keepRaw` (durable mode): remember inserted documents' bytes for the journal (raw-docs.ts). */
export function parseFrame(frame: Buffer, keepRaw = false): IncomingCommand {
  const header = readHeader(frame);
  if (header.opCode === OP_MSG) return parseOpMsg(frame, header, keepRaw);
  if (header.opCode === OP_QUERY) return parseOpQuery(frame, header);
  // We never advertise compression, so OP_COMPRESSED (or anything else) is a protocol violation.
  throw new WireError(`unsupported opCode ${header.opCode}`);
}

function parseOpMsg(frame: Buffer, header: Header, keepRaw: boolean): IncomingCommand {
  const flags = frame.readUInt32LE(HEADER_BYTES);
  if ((flags & 0xffff & ~KNOWN_MSG_FLAGS) !== 0) throw new WireError(`unknown required OP_MSG flags ${flags}`);
  // The CRC-32C trailer is not verified: TCP on loopback already guarantees integrity here.
  const end = flags & FLAG_CHECKSUM_PRESENT ? frame.length - 4 : frame.length;
  let offset = HEADER_BYTES + 4;
  let body: Doc | undefined;
  const sequences: [string, Doc[]][] = [];
  while (offset < end) {
    const kind = frame.readUInt8(offset);
    offset += 1;
    if (kind === 0) {
      if (body) throw new WireError('more than one body section');
      const r = readDocument(frame, offset, end);
      body = r.doc;
      if (keepRaw && Object.keys(body)[0] === 'insert') keepInsertDocuments(frame, offset, body);
      offset = r.next;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new WireError('truncated document sequence');
      const size = frame.readInt32LE(offset);
      const seqEnd = offset + size;
      if (size < 5 || seqEnd > end) throw new WireError('document sequence length out of bounds');
      const id = readCString(frame, offset + 4, seqEnd);
      const docs: Doc[] = [];
      let p = id.next;
      while (p < seqEnd) {
        const r = readDocument(frame, p, seqEnd);
        if (keepRaw && id.value === 'documents') keepSequenceDocument(frame, p, r.next, r.doc);
        docs.push(r.doc);
        p = r.next;
      }
      sequences.push([id.value, docs]);
      offset = seqEnd;
    } else {
      throw new WireError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new WireError('OP_MSG without a body section');
  for (const [name, docs] of sequences) body[name] = docs;
  const db = typeof body.$db === 'string' ? body.$db : 'admin';
  return { header, command: body, db, legacy: false, moreToCome: (flags & FLAG_MORE_TO_COME) !== 0 };
}

function parseOpQuery(frame: Buffer, header: Header): IncomingCommand {
  let offset = HEADER_BYTES + 4; // skip flags
  const ns = readCString(frame, offset, frame.length);
  offset = ns.next + 8; // numberToSkip, numberToReturn
  const { doc } = readDocument(frame, offset, frame.length);
  if (!ns.value.endsWith('.$cmd')) throw new WireError(`OP_QUERY is only supported for commands, got ${ns.value}`);
  // Old drivers wrap the command as { $query: {...}, $readPreference: ... }.
  const command = doc.$query !== null && typeof doc.$query === 'object' ? (doc.$query as Doc) : doc;
  return { header, command, db: ns.value.slice(0, -'.$cmd'.length), legacy: true, moreToCome: false };
}

let nextRequestId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export function encodeReply(reply: Doc, responseTo: number, legacy: boolean): Buffer {
  const body = BSON.serialize(reply, { ignoreUndefined: true });
  if (legacy) {
    const fields = Buffer.alloc(20); // responseFlags, cursorID (int64), startingFrom, numberReturned
    fields.writeInt32LE(1, 16);
    const length = HEADER_BYTES + fields.length + body.length;
    return Buffer.concat([header(length, responseTo, OP_REPLY), fields, body]);
  }
  const prefix = Buffer.alloc(5); // flagBits = 0, section kind 0
  const length = HEADER_BYTES + prefix.length + body.length;
  return Buffer.concat([header(length, responseTo, OP_MSG), prefix, body]);
}
