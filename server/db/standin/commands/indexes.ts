/** Index commands. Unique indexes built here are enforced by storage.ts on every write. */
import type { Handler } from '../context.ts';
import { CommandError, Codes, badValue } from '../errors.ts';
import { ID_INDEX, type IndexSpec, normalizeIndexSpec, sameIndexOptions } from '../indexes.ts';
import { collectionArg, optionalDoc } from '../select.ts';
import { isTextIndex } from '../text.ts';
import { type Doc, isPlainObject, keyString } from '../values.ts';

const createIndexes: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'createIndexes');
  if (!Array.isArray(cmd.indexes) || cmd.indexes.length === 0) throw badValue("Must specify at least one index to create");
  const specs = cmd.indexes.map(normalizeIndexSpec);
  const existed = ctx.store.collection(ctx.db, name) !== undefined;
  const coll = ctx.store.ensureCollection(ctx.db, name);
  const before = coll.indexes.size;
  const toBuild: IndexSpec[] = [];
  for (const spec of specs) {
    const sameName = coll.indexes.get(spec.name);
    if (sameName) {
      if (sameIndexOptions(sameName.spec, spec)) continue;
      throw new CommandError(
        Codes.IndexKeySpecsConflict,
        'IndexKeySpecsConflict',
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
      );
    }
    const sameKey = [...coll.indexes.values()].find((i) => keyString(i.spec.key) === keyString(spec.key));
    // Every text index has the key {_fts, _ftsx}: only an identical one (but for the name) is "the same".
    if (sameKey && (!isTextIndex(spec) || sameIndexOptions(sameKey.spec, spec))) {
      throw new CommandError(
        Codes.IndexOptionsConflict,
        'IndexOptionsConflict',
        `Index already exists with a different name: ${sameKey.spec.name}`,
      );
    }
    const otherText = isTextIndex(spec) && [...[...coll.indexes.values()].map((i) => i.spec), ...toBuild].find(isTextIndex);
    if (otherText) {
      throw new CommandError(67, 'CannotCreateIndex', `only one text index per collection allowed, found existing text index "${otherText.name}"`);
    }
    toBuild.push(spec);
  }
  // Built one by one; a duplicate-key failure leaves earlier ones of this call in place (as mongod
  // does for separate builds) and surfaces as code 11000.
  for (const spec of toBuild) coll.addIndex(spec);
  const reply: Doc = {
    numIndexesBefore: before,
    numIndexesAfter: coll.indexes.size,
    createdCollectionAutomatically: !existed,
  };
  if (toBuild.length === 0) reply.note = 'all indexes already exist';
  return reply;
};

const listIndexes: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'listIndexes');
  const coll = ctx.store.collection(ctx.db, name);
  if (!coll) throw new CommandError(Codes.NamespaceNotFound, 'NamespaceNotFound', `ns does not exist: ${ctx.db}.${name}`);
  const specs = [...coll.indexes.values()].map((i) => ({ ...i.spec }));
  const cursor = optionalDoc(cmd, 'cursor');
  const batchSize = cursor && typeof cursor.batchSize === 'number' ? cursor.batchSize : undefined;
  return ctx.cursors.first(`${ctx.db}.${name}`, specs, batchSize);
};

const dropIndexes: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'dropIndexes' in cmd ? 'dropIndexes' : 'deleteIndexes');
  const coll = ctx.store.collection(ctx.db, name);
  if (!coll) throw new CommandError(Codes.NamespaceNotFound, 'NamespaceNotFound', `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = coll.indexes.size;
  const target = cmd.index;
  const names: string[] = [];
  if (target === '*') names.push(...[...coll.indexes.keys()].filter((n) => n !== ID_INDEX.name));
  else if (typeof target === 'string') names.push(target);
  else if (Array.isArray(target)) names.push(...target.map(String));
  else if (isPlainObject(target)) {
    const found = [...coll.indexes.values()].find((i) => keyString(i.spec.key) === keyString(target));
    if (!found) throw new CommandError(Codes.IndexNotFound, 'IndexNotFound', `can't find index with key: ${JSON.stringify(target)}`);
    names.push(found.spec.name);
  } else throw badValue('index must be a name, a key pattern, an array of names or "*"');
  for (const n of names) {
    if (n === ID_INDEX.name) throw new CommandError(Codes.InvalidOptions, 'InvalidOptions', 'cannot drop _id index');
    if (!coll.indexes.has(n)) throw new CommandError(Codes.IndexNotFound, 'IndexNotFound', `index not found with name [${n}]`);
  }
  for (const n of names) coll.indexes.delete(n);
  return { nIndexesWas };
};

export const indexCommands: Record<string, Handler> = {
  createIndexes,
  listIndexes,
  dropIndexes,
  deleteIndexes: dropIndexes,
};
