/**
 * In-memory databases and collections. Stored documents are treated as immutable: every write
 * builds a new document and swaps it in, so open cursors and in-flight replies can hold plain
 * references without copying. All methods are synchronous — a command runs from read to write
 * without yielding, which is what makes findAndModify atomic across parallel clients.
 *
 * Every successful mutation is also reported, as a logical `Change`, to the store's `changes`
 * sink when one is attached (the durable mode's journal, persistence.ts); `applyChange` replays
 * them. Immutability matters there too: the journal and snapshots serialize documents after the
 * command that stored them has returned.
 */
import { ObjectId } from 'bson';
import { CommandError, Codes } from './errors.ts';
import { DuplicateKeyError, ID_INDEX, Index, type IndexSpec } from './indexes.ts';
import { type Doc, keyString } from './values.ts';

/**
 * The effect of a write, as the journal records it: whole documents and namespace/index
 * operations, never the command that produced them (see persistence.ts for why).
 */
export type Change =
  | { o: 'put'; d: string; c: string; doc: Doc }
  | { o: 'del'; d: string; c: string; id: unknown }
  | { o: 'create'; d: string; c: string; options: Doc }
  | { o: 'drop'; d: string; c: string }
  | { o: 'dropDb'; d: string }
  | { o: 'index'; d: string; c: string; spec: IndexSpec }
  | { o: 'dropIndex'; d: string; c: string; name: string }
  | { o: 'clear'; d: string; c: string };

export type ChangeSink = (change: Change) => void;

interface ChangeOwner {
  changes: ChangeSink | undefined;
}

/**
 * The index catalogue is a Map that index commands edit directly (`indexes.delete(name)`);
 * overriding `delete` is what lets a dropped index reach the journal without every caller
 * having to remember it. It also keeps the list of indexes other than `_id_`, which is all that
 * writes maintain: `docs` itself is the `_id` index, so keying every document a second time
 * (the `_id_` Index's owner map) was pure cost — about a third of a restore.
 */
class IndexCatalog extends Map<string, Index> {
  secondary: Index[] = [];

  constructor(private readonly onDelete: (name: string) => void) {
    super();
  }

  override set(name: string, index: Index): this {
    super.set(name, index);
    this.secondary = [...this.values()].filter((i) => i.spec.name !== ID_INDEX.name);
    return this;
  }

  override delete(name: string): boolean {
    const had = super.delete(name);
    if (!had) return false;
    this.secondary = [...this.values()].filter((i) => i.spec.name !== ID_INDEX.name);
    this.onDelete(name);
    return true;
  }
}

export class Collection {
  /** keyString(_id) → document, in insertion ("natural") order. */
  readonly docs = new Map<string, Doc>();
  private readonly catalog = new IndexCatalog((name) => this.emit({ o: 'dropIndex', d: this.db, c: this.name, name }));
  readonly indexes: Map<string, Index> = this.catalog;
  /** Insertion sequence per document: index lookups return candidates in natural order. */
  private readonly order = new Map<string, number>();
  private nextOrder = 0;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc = {},
    private readonly owner: ChangeOwner = { changes: undefined },
  ) {
    this.indexes.set(ID_INDEX.name, new Index(ID_INDEX));
  }

  private emit(change: Change): void {
    this.owner.changes?.(change);
  }

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
    if (this.docs.has(id)) throw new DuplicateKeyError(this.ns, ID_INDEX, { _id: doc._id });
    // No "self" on insert: even a key equal to this document's own _id is a conflict.
    this.assertUnique(doc, undefined);
    this.put(id, doc);
    this.emit({ o: 'put', d: this.db, c: this.name, doc });
    return doc;
  }

  /** Stores without unique checks: callers have checked, or replay a history that was checked. */
  private put(id: string, doc: Doc): void {
    const old = this.docs.get(id);
    if (!old) this.order.set(id, this.nextOrder++);
    this.docs.set(id, doc);
    for (const idx of this.catalog.secondary) {
      // An update that leaves an index's fields alone (most of them) need not re-key it.
      if (old && idx.unchangedBetween(old, doc)) continue;
      if (old) idx.remove(old, id);
      idx.add(doc, id);
    }
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
    this.put(id, stored);
    this.emit({ o: 'put', d: this.db, c: this.name, doc: stored });
    return stored;
  }

  remove(doc: Doc): void {
    if (this.removeId(keyString(doc._id))) this.emit({ o: 'del', d: this.db, c: this.name, id: doc._id });
  }

  private removeId(id: string): boolean {
    const stored = this.docs.get(id);
    if (!stored) return false;
    for (const idx of this.catalog.secondary) idx.remove(stored, id);
    this.docs.delete(id);
    this.order.delete(id);
    return true;
  }

  /** Documents with one of these `_id`s, in natural order. */
  byIds(ids: unknown[]): Doc[] {
    return this.inNaturalOrder(new Set(ids.map(keyString)));
  }

  private inNaturalOrder(ids: Set<string>): Doc[] {
    const sorted = [...ids];
    // An index bucket of documents never updated (messages) is already in insertion order: check before sorting.
    let inOrder = true;
    for (let i = 1, prev = this.order.get(sorted[0] as string) ?? 0; i < sorted.length && inOrder; i++) {
      const cur = this.order.get(sorted[i] as string) ?? 0;
      inOrder = cur >= prev;
      prev = cur;
    }
    if (!inOrder) sorted.sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
    const out: Doc[] = [];
    for (const id of sorted) {
      const d = this.docs.get(id);
      if (d) out.push(d);
    }
    return out;
  }

  /**
   * For `$text`: the documents holding one of `terms`, in natural order, and each one's term
   * scores, from the text index's postings (built on first use). Undefined without a text index.
   */
  textCandidates(terms: readonly string[]): { docs: Doc[]; termScores: (doc: Doc) => Map<string, number> | undefined } | undefined {
    const postings = [...this.indexes.values()].find((i) => i.text)?.text;
    if (!postings) return undefined;
    postings.ensureBuilt(this.docs);
    return { docs: this.inNaturalOrder(postings.idsWithAny(terms)), termScores: (doc) => postings.termScoresOf(keyString(doc._id)) };
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
    this.emit({ o: 'clear', d: this.db, c: this.name });
  }

  /** Secondary unique indexes only: `_id` conflicts are `docs` lookups (insert) or impossible (replace keeps it). */
  private assertUnique(doc: Doc, id: string | undefined): void {
    for (const idx of this.catalog.secondary) {
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
    this.emit({ o: 'index', d: this.db, c: this.name, spec });
  }

  /** Replays one journaled change on this collection; never emits, never checks uniqueness. */
  replay(change: Change): void {
    if (change.o === 'put') this.put(keyString(change.doc._id), change.doc);
    else if (change.o === 'del') this.removeId(keyString(change.id));
    else if (change.o === 'index') {
      const idx = new Index(change.spec);
      for (const [id, doc] of this.docs) idx.add(doc, id);
      this.indexes.set(change.spec.name, idx);
    } else if (change.o === 'dropIndex') this.indexes.delete(change.name);
    else if (change.o === 'clear') {
      this.docs.clear();
      this.order.clear();
      for (const idx of this.indexes.values()) idx.clear();
    }
  }
}

export class Database {
  readonly collections = new Map<string, Collection>();
  constructor(readonly name: string) {}
}

export class Store implements ChangeOwner {
  readonly databases = new Map<string, Database>();
  /** Receives every change while attached (durable mode); undefined in memory-only mode. */
  changes: ChangeSink | undefined;

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
      coll = new Collection(db, name, options, this);
      database.collections.set(name, coll);
      this.changes?.({ o: 'create', d: db, c: name, options });
    }
    return coll;
  }

  dropCollection(db: string, name: string): boolean {
    const dropped = this.databases.get(db)?.collections.delete(name) ?? false;
    if (dropped) this.changes?.({ o: 'drop', d: db, c: name });
    return dropped;
  }

  dropDatabase(db: string): void {
    if (this.databases.delete(db)) this.changes?.({ o: 'dropDb', d: db });
  }

  /** Replays one journaled change (restore); the sink must be detached meanwhile. */
  applyChange(change: Change): void {
    if (change.o === 'create') this.ensureCollection(change.d, change.c, change.options);
    else if (change.o === 'drop') this.databases.get(change.d)?.collections.delete(change.c);
    else if (change.o === 'dropDb') this.databases.delete(change.d);
    else {
      // Documents and indexes only ever follow their collection's `create` in a valid history.
      const coll = this.collection(change.d, change.c);
      if (!coll) throw new Error(`journal: ${change.o} on ${change.d}.${change.c}, which does not exist at that point`);
      coll.replay(change);
    }
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
