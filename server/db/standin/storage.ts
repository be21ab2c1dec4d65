/**
 * In-memory databases and collections. Stored documents are treated as immutable: every write
 * builds a new document and swaps it in, so open cursors and in-flight replies can hold plain
 * references without copying. All methods are synchronous — a command runs from read to write
 * without yielding, which is what makes findAndModify atomic across parallel clients.
 */
import { ObjectId } from 'bson';
import { CommandError, Codes } from './errors.ts';
import { DuplicateKeyError, ID_INDEX, Index, type IndexSpec } from './indexes.ts';
import { type Doc, keyString } from './values.ts';

export class Collection {
  /** keyString(_id) → document, in insertion ("natural") order. */
  readonly docs = new Map<string, Doc>();
  readonly indexes = new Map<string, Index>([[ID_INDEX.name, new Index(ID_INDEX)]]);
  /** Insertion sequence per document: index lookups return candidates in natural order. */
  private readonly order = new Map<string, number>();
  private nextOrder = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  all(): Doc[] {
    return [...this.docs.values()];
  }

  /** Adds `_id` (first, as mongod does) when missing, then inserts or throws DuplicateKey without writing. */
  insert(input: Doc): Doc {
    const doc = withIdFirst('_id' in input ? input : { _id: new ObjectId(), ...input });
    if (Array.isArray(doc._id)) {
      throw new CommandError(Codes.BadValue, 'BadValue', "can't use an array for _id");
    }
    const id = keyString(doc._id);
    // No "self" on insert: even a key equal to this document's own _id is a conflict.
    this.assertUnique(doc, undefined);
    this.docs.set(id, doc);
    this.order.set(id, this.nextOrder++);
    for (const idx of this.indexes.values()) idx.add(doc, id);
    return doc;
  }

  /** Swaps `oldDoc` for `newDoc` (same _id) after checking unique indexes; writes nothing on conflict. */
  replace(oldDoc: Doc, newDoc: Doc): Doc {
    const id = keyString(oldDoc._id);
    if (keyString(newDoc._id) !== id) {
      throw new CommandError(
        Codes.ImmutableField,
        'ImmutableField',
        "Performing an update on the path '_id' would modify the immutable field '_id'",
      );
    }
    const stored = withIdFirst(newDoc);
    this.assertUnique(stored, id);
    for (const idx of this.indexes.values()) idx.remove(oldDoc, id);
    this.docs.set(id, stored);
    for (const idx of this.indexes.values()) idx.add(stored, id);
    return stored;
  }

  remove(doc: Doc): void {
    const id = keyString(doc._id);
    const stored = this.docs.get(id);
    if (!stored) return;
    for (const idx of this.indexes.values()) idx.remove(stored, id);
    this.docs.delete(id);
    this.order.delete(id);
  }

  /** Documents with one of these `_id`s, in natural order. */
  byIds(ids: unknown[]): Doc[] {
    return this.inNaturalOrder(new Set(ids.map(keyString)));
  }

  private inNaturalOrder(ids: Set<string>): Doc[] {
    const sorted = ids.size > 1 ? [...ids].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0)) : [...ids];
    const out: Doc[] = [];
    for (const id of sorted) {
      const d = this.docs.get(id);
      if (d) out.push(d);
    }
    return out;
  }

  /**
   * Documents that may match `field ∈ values`, in natural order, if an index covers `field`;
   * undefined when only a full scan can answer.
   */
  candidates(field: string, values: unknown[]): Doc[] | undefined {
    let index: Index | undefined;
    for (const idx of this.indexes.values()) if (idx.servesEquality(field)) index = idx;
    if (!index) return undefined;
    const ids = new Set<string>();
    for (const v of values) for (const id of index.idsEqualTo(v)) ids.add(id);
    return this.inNaturalOrder(ids);
  }

  /**
   * The at most one document a filter can match when a unique index has all its fields pinned
   * by equalities (e.g. `{ chatId, clientId }`); undefined when no unique index applies.
   */
  uniqueCandidate(pinned: Doc): Doc[] | undefined {
    for (const idx of this.indexes.values()) {
      const owner = idx.exactOwner(pinned);
      if (owner === undefined) continue;
      const doc = owner === null ? undefined : this.docs.get(owner);
      return doc ? [doc] : [];
    }
    return undefined;
  }

  clear(): void {
    this.docs.clear();
    this.order.clear();
    for (const idx of this.indexes.values()) idx.clear();
  }

  private assertUnique(doc: Doc, id: string | undefined): void {
    for (const idx of this.indexes.values()) {
      const hit = idx.conflict(doc, id);
      if (hit) throw new DuplicateKeyError(this.ns, idx.spec, hit.value);
    }
  }

  /** Builds a new index over existing documents; fails (and adds nothing) on existing duplicates. */
  addIndex(spec: IndexSpec): void {
    const idx = new Index(spec);
    for (const [id, doc] of this.docs) {
      const hit = idx.conflict(doc, id);
      if (hit) throw new DuplicateKeyError(this.ns, spec, hit.value);
      idx.add(doc, id);
    }
    this.indexes.set(spec.name, idx);
  }
}

export class Database {
  readonly collections = new Map<string, Collection>();
  constructor(readonly name: string) {}
}

export class Store {
  readonly databases = new Map<string, Database>();

  database(name: string): Database | undefined {
    return this.databases.get(name);
  }

  collection(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.collections.get(name);
  }

  /** Implicit creation, as inserts/upserts/createIndexes do on a real server. */
  ensureCollection(db: string, name: string, options: Doc = {}): Collection {
    validateCollectionName(name);
    let database = this.databases.get(db);
    if (!database) {
      database = new Database(db);
      this.databases.set(db, database);
    }
    let coll = database.collections.get(name);
    if (!coll) {
      coll = new Collection(db, name, options);
      database.collections.set(name, coll);
    }
    return coll;
  }

  dropCollection(db: string, name: string): boolean {
    return this.databases.get(db)?.collections.delete(name) ?? false;
  }

  dropDatabase(db: string): void {
    this.databases.delete(db);
  }
}

/** mongod stores `_id` as the first field whatever order the client sent. */
export function withIdFirst(doc: Doc): Doc {
  if (Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

function validateCollectionName(name: string): void {
  if (!name || name.includes('$') || name.includes('\0') || name.startsWith('.')) {
    throw new CommandError(Codes.InvalidNamespace, 'InvalidNamespace', `Invalid collection name: ${name}`);
  }
}
