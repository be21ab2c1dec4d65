// One collection seen from inside one organization. Every filter it runs is AND-ed with the
// organization, every document it inserts is stamped with it, every pipeline starts by matching
// it. Code outside server/db/ only ever holds these, so a query that forgets the organization
// cannot be written there: the filter types even refuse an `orgId` key.
import type { Model, PipelineStage, Types, UpdateQuery } from 'mongoose';

/** A MongoDB filter without the scope key: the scope is added here, never by the caller. */
export type ScopedFilter = { [field: string]: unknown } & { orgId?: never };
export type Update = UpdateQuery<Record<string, unknown>> | PipelineStage[];
export type Projection = Record<string, 0 | 1 | boolean | string | Record<string, unknown>>;
export type Sort = Record<string, 1 | -1 | { $meta: string }>;

export interface FindOptions {
  projection?: Projection;
  sort?: Sort;
  limit?: number;
  skip?: number;
}

export interface FindOneAndUpdateOptions {
  projection?: Projection;
  sort?: Sort;
  upsert?: boolean;
  /** Default 'after': the state this update produced, which is what callers act on. */
  returnDocument?: 'before' | 'after';
}

export interface WriteResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
}

// The models are typed per schema; inside this door one loose type serves every collection,
// and callers get their document type back through TDoc.
type AnyModel = Model<any>;

export class ScopedCollection<TDoc> {
  constructor(
    protected readonly model: AnyModel,
    protected readonly scope: Types.ObjectId,
    /** `orgId` for documents of an organization; `_id` for the organization itself. */
    protected readonly scopeField: 'orgId' | '_id' = 'orgId',
  ) {}

  /** For `$lookup.from` in this organization's pipelines. */
  get collectionName(): string {
    return this.model.collection.collectionName;
  }

  protected scoped(filter: ScopedFilter): Record<string, unknown> {
    return { ...filter, [this.scopeField]: this.scope };
  }

  find<T = TDoc>(filter: ScopedFilter = {}, opts: FindOptions = {}): Promise<T[]> {
    let query = this.model.find(this.scoped(filter), opts.projection);
    if (opts.sort) query = query.sort(opts.sort);
    if (opts.skip !== undefined) query = query.skip(opts.skip);
    if (opts.limit !== undefined) query = query.limit(opts.limit);
    return query.lean<T[]>().exec();
  }

  findOne<T = TDoc>(filter: ScopedFilter = {}, opts: Pick<FindOptions, 'projection' | 'sort'> = {}): Promise<T | null> {
    let query = this.model.findOne(this.scoped(filter), opts.projection);
    if (opts.sort) query = query.sort(opts.sort);
    return query.lean<T>().exec();
  }

  findById<T = TDoc>(id: Types.ObjectId, opts: Pick<FindOptions, 'projection'> = {}): Promise<T | null> {
    return this.findOne<T>({ _id: id }, opts);
  }

  async exists(filter: ScopedFilter): Promise<boolean> {
    return (await this.model.exists(this.scoped(filter))) !== null;
  }

  count(filter: ScopedFilter = {}): Promise<number> {
    return this.model.countDocuments(this.scoped(filter)).exec();
  }

  distinct<T = unknown>(field: string, filter: ScopedFilter = {}): Promise<T[]> {
    return this.model.distinct(field, this.scoped(filter)).exec() as Promise<T[]>;
  }

  /** Inserts through the schema (defaults and casts applied) and returns the plain document. */
  async insert(doc: Record<string, unknown> & { orgId?: never }): Promise<TDoc> {
    const created = await this.model.create({ ...doc, [this.scopeField]: this.scope });
    return created.toObject() as TDoc;
  }

  async insertMany(docs: (Record<string, unknown> & { orgId?: never })[]): Promise<TDoc[]> {
    const created = await this.model.insertMany(docs.map((d) => ({ ...d, [this.scopeField]: this.scope })));
    return created.map((c) => c.toObject() as TDoc);
  }

  async updateOne(filter: ScopedFilter, update: Update, opts: { upsert?: boolean } = {}): Promise<WriteResult> {
    const res = await this.model.updateOne(this.scoped(filter), update, opts).exec();
    return { matchedCount: res.matchedCount, modifiedCount: res.modifiedCount, upsertedCount: res.upsertedCount };
  }

  async updateMany(filter: ScopedFilter, update: Update): Promise<WriteResult> {
    const res = await this.model.updateMany(this.scoped(filter), update).exec();
    return { matchedCount: res.matchedCount, modifiedCount: res.modifiedCount, upsertedCount: res.upsertedCount };
  }

  findOneAndUpdate<T = TDoc>(filter: ScopedFilter, update: Update, opts: FindOneAndUpdateOptions = {}): Promise<T | null> {
    return this.model
      .findOneAndUpdate(this.scoped(filter), update, {
        returnDocument: opts.returnDocument ?? 'after',
        ...(opts.upsert !== undefined ? { upsert: opts.upsert } : {}),
        ...(opts.projection ? { projection: opts.projection } : {}),
        ...(opts.sort ? { sort: opts.sort } : {}),
      })
      .lean<T>()
      .exec();
  }

  async deleteOne(filter: ScopedFilter): Promise<number> {
    return (await this.model.deleteOne(this.scoped(filter)).exec()).deletedCount;
  }

  async deleteMany(filter: ScopedFilter = {}): Promise<number> {
    return (await this.model.deleteMany(this.scoped(filter)).exec()).deletedCount;
  }

  /** The pipeline runs on this organization's documents only: its first stage matches the scope. */
  aggregate<T>(pipeline: PipelineStage[]): Promise<T[]> {
    return this.model.aggregate<T>([{ $match: { [this.scopeField]: this.scope } }, ...pipeline]).exec();
  }
}
