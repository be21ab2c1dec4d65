/** Namespace commands: create, drop, listCollections, dropDatabase, renameCollection. */
import { Binary } from 'bson';
import type { Handler } from '../context.ts';
import { CommandError, Codes, badValue } from '../errors.ts';
import { ID_INDEX } from '../indexes.ts';
import { compileFilter } from '../mingo.ts';
import { collectionArg, optionalDoc } from '../select.ts';
import type { Doc } from '../values.ts';

const create: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'create');
  if (cmd.viewOn !== undefined) throw badValue('views are not supported by the stand-in');
  if (ctx.store.collection(ctx.db, name)) {
    throw new CommandError(Codes.NamespaceExists, 'NamespaceExists', `Collection ${ctx.db}.${name} already exists.`);
  }
  const { create: _c, $db: _d, lsid: _l, writeConcern: _w, ...options } = cmd;
  ctx.store.ensureCollection(ctx.db, name, options);
  return {};
};

const drop: Handler = (cmd, ctx) => {
  const name = collectionArg(cmd, 'drop');
  const coll = ctx.store.collection(ctx.db, name);
  const nIndexesWas = coll?.indexes.size ?? 0;
  ctx.store.dropCollection(ctx.db, name);
  // Like mongod 7.0, dropping a missing collection succeeds.
  return coll ? { nIndexesWas, ns: coll.ns } : {};
};

/** Stable per-collection UUIDs so listCollections answers the same thing twice. */
const uuids = new WeakMap<object, Binary>();
function uuidOf(coll: object): Binary {
  let id = uuids.get(coll);
  if (!id) {
    id = new Binary(Buffer.from(crypto.randomUUID().replaceAll('-', ''), 'hex'), Binary.SUBTYPE_UUID);
    uuids.set(coll, id);
  }
  return id;
}

const listCollections: Handler = (cmd, ctx) => {
  const db = ctx.store.database(ctx.db);
  const entries: Doc[] = [...(db?.collections.values() ?? [])].map((c) => ({
    name: c.name,
    type: 'collection',
    options: c.options,
    info: { readOnly: false, uuid: uuidOf(c) },
    idIndex: { ...ID_INDEX },
  }));
  const match = compileFilter(optionalDoc(cmd, 'filter'));
  let out = entries.filter(match);
  if (cmd.nameOnly === true) out = out.map((e) => ({ name: e.name, type: e.type }));
  const cursor = optionalDoc(cmd, 'cursor');
  const batchSize = cursor && typeof cursor.batchSize === 'number' ? cursor.batchSize : undefined;
  return ctx.cursors.first(`${ctx.db}.$cmd.listCollections`, out, batchSize);
};

const dropDatabase: Handler = (_cmd, ctx) => {
  ctx.store.dropDatabase(ctx.db);
  return { dropped: ctx.db };
};

const renameCollection: Handler = (cmd, ctx) => {
  const from = cmd.renameCollection;
  const to = cmd.to;
  if (typeof from !== 'string' || typeof to !== 'string') throw badValue('renameCollection and to must be namespaces');
  const [fromDb, ...fromRest] = from.split('.');
  const [toDb, ...toRest] = to.split('.');
  if (!fromDb || fromDb !== toDb) throw badValue('renameCollection across databases is not supported by the stand-in');
  const source = ctx.store.collection(fromDb, fromRest.join('.'));
  if (!source) throw new CommandError(Codes.NamespaceNotFound, 'NamespaceNotFound', 'source namespace does not exist');
  const toName = toRest.join('.');
  if (ctx.store.collection(fromDb, toName)) {
    if (cmd.dropTarget !== true) throw new CommandError(Codes.NamespaceExists, 'NamespaceExists', 'target namespace exists');
    ctx.store.dropCollection(fromDb, toName);
  }
  const target = ctx.store.ensureCollection(fromDb, toName, source.options);
  for (const [name, idx] of source.indexes) if (name !== ID_INDEX.name) target.addIndex(idx.spec);
  for (const doc of source.docs.values()) target.insert(doc);
  ctx.store.dropCollection(fromDb, source.name);
  return {};
};

export const collectionCommands: Record<string, Handler> = {
  create,
  drop,
  listCollections,
  dropDatabase,
  renameCollection,
};
