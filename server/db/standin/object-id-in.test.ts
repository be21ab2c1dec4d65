// `{ field: { $in: [many ObjectIds] } }` is answered by a set lookup (mingo.ts splitObjectIdIns):
// it must accept exactly the documents mingo's own $in accepts.
import { expect, test } from 'bun:test';
import { Query } from 'mingo';
import { ObjectId } from '../ids';
import { compileFilter } from './mingo';

const ids = Array.from({ length: 12 }, () => new ObjectId());
const other = new ObjectId();
const docs = [
  { _id: 1, contactId: ids[3] },
  { _id: 2, contactId: other },
  { _id: 3, contactId: [other, ids[7]] },
  { _id: 4, contactId: [other] },
  { _id: 5 },
  { _id: 6, contactId: ids[3]!.toHexString() },
  { _id: 7, nested: { contactId: ids[0] } },
  { _id: 8, nested: [{ contactId: other }, { contactId: ids[11] }] },
];

test.each([
  ['top level', { contactId: { $in: ids } }],
  ['inside $and', { $and: [{ contactId: { $in: ids } }, { _id: { $gte: 2 } }] }],
  ['the only $and item', { $and: [{ contactId: { $in: ids } }] }],
  ['a dotted path through arrays', { 'nested.contactId': { $in: ids } }],
  ['few ids (mingo itself)', { contactId: { $in: ids.slice(0, 3) } }],
  ['with other fields', { contactId: { $in: ids }, _id: { $lt: 3 } }],
  ['equality to one ObjectId', { contactId: ids[3] }],
  ['equality through arrays and paths', { 'nested.contactId': ids[11] }],
  ['equality in $and', { $and: [{ contactId: ids[7] }, { _id: 3 }] }],
])('%s', (_name, filter) => {
  const mingo = new Query(filter);
  const want = docs.filter((d) => mingo.test(d)).map((d) => d._id);
  expect(docs.filter(compileFilter(filter)).map((d) => d._id)).toEqual(want);
});
