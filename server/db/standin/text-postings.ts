/**
 * The inverted index behind a text index: term → ids of the documents holding it, and each
 * document's term scores. Without it `$text` tokenized and stemmed every document of the
 * collection on every query (about 1–2 s for 20,000 messages); with it a query reads only the
 * documents that hold one of its terms, and scores them from numbers computed once.
 *
 * Built lazily, on the first `$text` query of the collection, then kept up to date by every
 * write (Index.add/remove). Until then writes pay nothing: most collections with a text index
 * (messages) are written far more often than searched, and many processes never search at all.
 */
import type { IndexSpec } from './indexes.ts';
import { documentTermScores } from './text.ts';
import type { Doc } from './values.ts';

export class TextPostings {
  private built = false;
  private readonly scores = new Map<string, Map<string, number>>();
  private readonly postings = new Map<string, Set<string>>();

  constructor(
    private readonly spec: IndexSpec,
    /** A partial index covers only the documents its filter accepts. */
    private readonly covers: (doc: Doc) => boolean,
  ) {}

  add(doc: Doc, id: string): void {
    if (this.built) this.put(doc, id);
  }

  remove(id: string): void {
    if (this.built) this.drop(id);
  }

  clear(): void {
    this.built = false;
    this.scores.clear();
    this.postings.clear();
  }

  /** Indexes every document once (the first query); later writes keep it current. */
  ensureBuilt(docs: ReadonlyMap<string, Doc>): void {
    if (this.built) return;
    for (const [id, doc] of docs) this.put(doc, id);
    this.built = true;
  }

  /** Ids of the documents holding at least one of `terms`. */
  idsWithAny(terms: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const t of terms) for (const id of this.postings.get(t) ?? []) out.add(id);
    return out;
  }

  termScoresOf(id: string): Map<string, number> | undefined {
    return this.scores.get(id);
  }

  private put(doc: Doc, id: string): void {
    this.drop(id);
    if (!this.covers(doc)) return;
    const terms = documentTermScores(doc, this.spec);
    if (terms.size === 0) return;
    this.scores.set(id, terms);
    for (const t of terms.keys()) {
      let ids = this.postings.get(t);
      if (!ids) {
        ids = new Set();
        this.postings.set(t, ids);
      }
      ids.add(id);
    }
  }

  private drop(id: string): void {
    const terms = this.scores.get(id);
    if (!terms) return;
    this.scores.delete(id);
    for (const t of terms.keys()) {
      const ids = this.postings.get(t);
      ids?.delete(id);
      if (ids?.size === 0) this.postings.delete(t);
    }
  }
}
