// The text index's postings (text-postings.ts) are built on the first $text query and then kept
// current by every write: inserts, replacements and deletes after that first query are found
// (or no longer found) exactly as a full scan would find them.
import { describe, expect, test } from 'bun:test';
import { ObjectId } from '../ids';
import { normalizeTextSpec, parseTextQuery, scoreDocument } from './text';
import type { Doc } from './values';
import { selectDocs } from './select';
import { Store } from './storage';

function collection() {
  const coll = new Store().ensureCollection('db', 'messages');
  coll.addIndex(normalizeTextSpec({ v: 2, key: { text: 'text' }, name: 'text_text' }));
  return coll;
}
const texts = (coll: ReturnType<typeof collection>, search: string, extra: Record<string, unknown> = {}) =>
  selectDocs(coll, { ...extra, $text: { $search: search } }).map((d) => d.text);

describe('text postings', () => {
  test('writes before and after the first query are all seen; stale terms are gone', () => {
    const coll = collection();
    const a = coll.insert({ _id: new ObjectId(), chat: 1, text: 'my parcel is late' });
    coll.insert({ _id: new ObjectId(), chat: 2, text: 'refunds take a week' });
    expect(texts(coll, 'parcel')).toEqual(['my parcel is late']);
    // After the first query (postings built).
    coll.insert({ _id: new ObjectId(), chat: 3, text: 'a second parcel arrived' });
    expect(texts(coll, 'parcels')).toEqual(['my parcel is late', 'a second parcel arrived']);
    coll.replace(a, { ...a, text: 'my refund is late' });
    expect(texts(coll, 'parcel')).toEqual(['a second parcel arrived']);
    // A replaced document keeps its place in natural order.
    expect(texts(coll, 'refund')).toEqual(['my refund is late', 'refunds take a week']);
    coll.remove(coll.all().find((d) => d.chat === 2)!);
    expect(texts(coll, 'refund')).toEqual(['my refund is late']);
    // Other conditions, negations and phrases still apply on top of the postings.
    expect(texts(coll, 'late', { chat: 1 })).toEqual(['my refund is late']);
    expect(texts(coll, 'parcel refund -late')).toEqual(['a second parcel arrived']);
    expect(texts(coll, '"second parcel"')).toEqual(['a second parcel arrived']);
    coll.clear();
    coll.insert({ _id: new ObjectId(), chat: 4, text: 'parcel again' });
    expect(texts(coll, 'parcel')).toEqual(['parcel again']);
  });

  test('scores from the postings equal the scores of a scan', () => {
    const coll = collection();
    for (const text of ['late late parcel', 'parcel', 'late', 'Parcel late, very late']) coll.insert({ _id: new ObjectId(), text });
    const spec = [...coll.indexes.values()].find((i) => i.text)!.spec;
    const query = parseTextQuery({ $search: 'late parcel' }, spec);
    const scores = new Map<Doc, number>();
    selectDocs(coll, { $text: { $search: 'late parcel' } }, { scores });
    expect(scores.size).toBe(4);
    for (const [doc, score] of scores) expect({ text: doc.text, score }).toEqual({ text: doc.text, score: scoreDocument(doc, spec, query)! });
  });
});
