// The journal writes inserted documents' wire bytes instead of serializing them again: the
// record must be byte-for-byte what serializing would have written, and the bytes must be those
// of the right document whatever precedes `documents` in the command.
import { describe, expect, test } from 'bun:test';
import { BSON, Binary, Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { keepInsertDocuments, takeRaw } from './raw-docs.ts';
import { encodePut } from './records.ts';
import type { Doc } from './values.ts';

const DESERIALIZE = { promoteLongs: false, promoteValues: true, promoteBuffers: false, bsonRegExp: false } as const;

describe('raw insert documents', () => {
  test('a put record from raw bytes is the serialized change, byte for byte', () => {
    const doc = { _id: new ObjectId(), chatId: new ObjectId(), seq: 3, text: 'héllo', author: { kind: 'visitor', id: null }, at: new Date(5), n: Long.fromNumber(7) };
    const raw = Buffer.from(BSON.serialize(doc));
    expect(encodePut('db1', 'messages', raw).equals(Buffer.from(BSON.serialize({ o: 'put', d: 'db1', c: 'messages', doc }, { ignoreUndefined: true, checkKeys: false })))).toBe(true);
  });

  test('each document of the body is matched to its own bytes, after fields of every type', () => {
    const docs = [{ _id: new ObjectId(), a: 1 }, { _id: 2, b: 'x' }, { _id: 3, c: [1, { d: 2 }] }];
    const cmd = {
      insert: 'messages',
      n: 1.5,
      big: Long.fromNumber(2 ** 40),
      bin: new Binary(Buffer.from([1, 2, 3])),
      re: /a+b/i,
      ts: new Timestamp({ t: 1, i: 2 }),
      dec: Decimal128.fromString('1.5'),
      nul: null,
      flag: true,
      when: new Date(0),
      sub: { x: [1, 2] },
      documents: docs,
      ordered: false,
      $db: 'x',
    };
    const frame = Buffer.concat([Buffer.alloc(7), Buffer.from(BSON.serialize(cmd))]);
    const decoded = BSON.deserialize(frame.subarray(7), DESERIALIZE) as Doc;
    keepInsertDocuments(frame, 7, decoded);
    const stored = decoded.documents as Doc[];
    stored.forEach((d, i) => {
      expect(takeRaw(d)?.equals(Buffer.from(BSON.serialize(docs[i] as Doc)))).toBe(true);
      expect(takeRaw(d)).toBeUndefined(); // taken once
    });
  });
});
