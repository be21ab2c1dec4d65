/**
 * `$text` search over a collection's (single) text index, modelled on mongod's FTS version 3:
 * tokens are runs of letters/digits after Unicode NFD with combining marks stripped and case
 * folded; English stop words are dropped unless the language is `none`; a document matches when
 * it holds at least one positive term, every positive phrase and no negated term or phrase.
 * Scores follow mongod's formula (per field: weight × Σ½ⁿ per occurrence × (½·count/tokens + ½),
 * +10 % when the whole field is the term), so ranking agrees with a real server. English terms
 * are stemmed with Snowball English as mongod does ("meetings" finds "meeting").
 */
import { CommandError, Codes, badValue } from './errors.ts';
import type { IndexSpec } from './indexes.ts';
import { stem } from './stem.ts';
import { STOP_WORDS } from './stopwords.ts';
import { type Doc, isPlainObject, valuesAtPath } from './values.ts';

export const TEXT_KEY = '_fts';

export function isTextKey(key: Doc): boolean {
  return Object.values(key).some((v) => v === 'text');
}

export function isTextIndex(spec: IndexSpec): boolean {
  return spec.key[TEXT_KEY] === 'text';
}

/** The stored form mongod reports: `key: {_fts: 'text', _ftsx: 1}` plus weights and languages. */
export function normalizeTextSpec(spec: IndexSpec): IndexSpec {
  const key: Doc = {};
  const weights: Doc = {};
  let placed = false;
  for (const [field, dir] of Object.entries(spec.key)) {
    if (dir === 'text') {
      weights[field] = 1;
      if (!placed) Object.assign(key, { [TEXT_KEY]: 'text', _ftsx: 1 });
      placed = true;
    } else key[field] = dir;
  }
  if (isPlainObject(spec.weights)) {
    for (const [field, w] of Object.entries(spec.weights)) {
      const n = Number(w);
      if (!Number.isInteger(n) || n < 1 || n >= 100_000) throw badValue(`text index weight must be in the exclusive interval (0,99999) but found: ${String(w)}`);
      weights[field] = n;
    }
  }
  const sorted: Doc = {};
  for (const f of Object.keys(weights).sort()) sorted[f] = weights[f];
  return {
    ...spec,
    key,
    weights: sorted,
    default_language: typeof spec.default_language === 'string' ? spec.default_language : 'english',
    language_override: typeof spec.language_override === 'string' ? spec.language_override : 'language',
    textIndexVersion: 3,
  };
}

/** Case- and diacritic-insensitive form: NFD, combining marks stripped, lower case. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

function tokens(s: string): string[] {
  return fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Index/query terms of a string: its tokens, English stop words dropped and the rest stemmed. */
function terms(s: string, english: boolean): string[] {
  if (!english) return tokens(s);
  return tokens(s)
    .filter((t) => !STOP_WORDS.has(t))
    .map(stem);
}

export interface TextQuery {
  terms: Set<string>;
  negated: Set<string>;
  phrases: string[];
  negatedPhrases: string[];
  /** english: stop words and stemming; `none`: every token as it is. */
  english: boolean;
}

function languageOf(arg: Doc, spec: IndexSpec): string {
  const lang = arg.$language ?? spec.default_language ?? 'english';
  if (typeof lang !== 'string') throw badValue('$language requires a string value');
  if (lang !== 'english' && lang !== 'en' && lang !== 'none') {
    throw badValue(`language "${lang}" is not supported by the MongoDB stand-in (english and none are)`);
  }
  return lang;
}

/** Parses `{$search, $language, $caseSensitive, $diacriticSensitive}` the way mongod's FTSQuery does. */
export function parseTextQuery(arg: unknown, spec: IndexSpec): TextQuery {
  if (!isPlainObject(arg) || typeof arg.$search !== 'string') throw badValue('$search needs a String');
  if (arg.$caseSensitive === true || arg.$diacriticSensitive === true) {
    throw badValue('$caseSensitive and $diacriticSensitive are not supported by the MongoDB stand-in');
  }
  const english = languageOf(arg, spec) !== 'none';
  const q: TextQuery = { terms: new Set(), negated: new Set(), phrases: [], negatedPhrases: [], english };
  // Quotes delimit phrases; a '-' right before a word or an opening quote negates it.
  const re = /(-?)"([^"]*)("|$)|(-?)([^\s"]+)/g;
  for (const m of arg.$search.matchAll(re)) {
    if (m[2] !== undefined) {
      const phrase = fold(m[2]).trim();
      if (!phrase) continue;
      if (m[1]) q.negatedPhrases.push(phrase);
      else {
        q.phrases.push(phrase);
        for (const t of terms(phrase, english)) q.terms.add(t);
      }
      continue;
    }
    const negate = m[4] === '-';
    for (const t of terms(m[5] ?? '', english)) (negate ? q.negated : q.terms).add(t);
  }
  return q;
}

/** mongod's per-field term scores for one string (FTSSpec::_scoreStringV2). */
function scoreString(raw: string, weight: number, english: boolean, into: Map<string, number>): void {
  const stats = new Map<string, { count: number; freq: number; exp: number }>();
  let numTokens = 0;
  for (const t of terms(raw, english)) {
    const s = stats.get(t) ?? { count: 0, freq: 0, exp: 0 };
    s.exp = s.exp ? s.exp * 2 : 1;
    s.count += 1;
    s.freq += 1 / s.exp;
    stats.set(t, s);
    numTokens++;
  }
  for (const [term, s] of stats) {
    const coeff = (0.5 * s.count) / numTokens + 0.5;
    const adjustment = fold(raw) === term ? 1.1 : 1;
    into.set(term, (into.get(term) ?? 0) + weight * s.freq * coeff * adjustment);
  }
}

function stringsIn(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const el of v) stringsIn(el, out);
}

/** Every string the index covers, with its weight (`$**` covers all string fields). */
function weightedStrings(doc: Doc, spec: IndexSpec): [string, number][] {
  const weights = isPlainObject(spec.weights) ? spec.weights : {};
  const out: [string, number][] = [];
  const wildcard = Number(weights['$**'] ?? 0);
  const all = (v: unknown, path: string): void => {
    if (typeof v === 'string') out.push([v, Number(weights[path] ?? wildcard)]);
    else if (Array.isArray(v)) for (const el of v) all(el, path);
    else if (isPlainObject(v)) for (const [k, child] of Object.entries(v)) all(child, path ? `${path}.${k}` : k);
  };
  if (wildcard) {
    all(doc, '');
    return out;
  }
  for (const [field, w] of Object.entries(weights)) {
    const found: string[] = [];
    for (const v of valuesAtPath(doc, field)) stringsIn(v, found);
    for (const s of found) out.push([s, Number(w)]);
  }
  return out;
}

/** Whether documents are indexed in English: the override field, else the index default. */
function indexedInEnglish(doc: Doc, spec: IndexSpec): boolean {
  const override = typeof spec.language_override === 'string' ? doc[spec.language_override] : undefined;
  return (typeof override === 'string' ? override : spec.default_language) !== 'none';
}

/** Each term the document holds under the index, with its score (what an inverted index keeps). */
export function documentTermScores(doc: Doc, spec: IndexSpec): Map<string, number> {
  const termScores = new Map<string, number>();
  // A document is indexed in its own language (the override field, else the index default), whatever the query says.
  const english = indexedInEnglish(doc, spec);
  for (const [s, w] of weightedStrings(doc, spec)) scoreString(s, w, english, termScores);
  return termScores;
}

/** The terms a query looks for: a document holding none of them cannot match. */
export const positiveTerms = (q: TextQuery): string[] => [...q.terms];

/**
 * The document's text score, or undefined when it does not match the query. `termScores` may
 * come from the collection's postings (text-postings.ts), which computed them once per document.
 */
export function scoreDocument(doc: Doc, spec: IndexSpec, q: TextQuery, termScores: Map<string, number> = documentTermScores(doc, spec)): number | undefined {
  if (q.terms.size === 0) return undefined;
  let score = 0;
  let hit = false;
  for (const t of q.terms) {
    const s = termScores.get(t);
    if (s !== undefined) {
      score += s;
      hit = true;
    }
  }
  if (!hit) return undefined;
  for (const t of q.negated) if (termScores.has(t)) return undefined;
  if (q.phrases.length > 0 || q.negatedPhrases.length > 0) {
    const folded = weightedStrings(doc, spec).map(([s]) => fold(s));
    for (const p of q.phrases) if (!folded.some((s) => s.includes(p))) return undefined;
    for (const p of q.negatedPhrases) if (folded.some((s) => s.includes(p))) return undefined;
  }
  return score;
}

export function textIndexRequired(): CommandError {
  return new CommandError(Codes.IndexNotFound, 'IndexNotFound', 'text index required for $text query');
}
