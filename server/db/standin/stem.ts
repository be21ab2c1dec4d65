/**
 * The Snowball English ("Porter2") stemmer, which mongod's english text search applies to both
 * documents and queries: without it "meetings" would not find "meeting" here while it does on
 * MongoDB. Written from the published algorithm (snowballstem.org/algorithms/english); input is
 * a folded (lower-case, diacritic-free) token.
 */
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

const EXCEPTIONS: Record<string, string> = {
  skis: 'ski',
  skies: 'sky',
  dying: 'die',
  lying: 'lie',
  tying: 'tie',
  idly: 'idl',
  gently: 'gentl',
  ugly: 'ugli',
  early: 'earli',
  only: 'onli',
  singly: 'singl',
  sky: 'sky',
  news: 'news',
  howe: 'howe',
  atlas: 'atlas',
  cosmos: 'cosmos',
  bias: 'bias',
  andes: 'andes',
};
const AFTER_1A = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);

/** Start of the region after the first non-vowel that follows a vowel, searching from `from`. */
function regionAfter(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) if (isVowel(w[i - 1]) && !isVowel(w[i])) return i + 1;
  return w.length;
}

function endsWithShortSyllable(w: string): boolean {
  const n = w.length;
  if (n === 2) return isVowel(w[0]) && !isVowel(w[1]);
  return n >= 3 && !isVowel(w[n - 3]) && isVowel(w[n - 2]) && !isVowel(w[n - 1]) && !'wxY'.includes(w[n - 1] as string);
}

const longest = (w: string, suffixes: string[]): string | undefined => suffixes.filter((s) => w.endsWith(s)).sort((a, b) => b.length - a.length)[0];
const hasVowel = (s: string): boolean => [...s].some(isVowel);

function step1a(w: string): string {
  const s = longest(w, ['sses', 'ied', 'ies', 's', 'us', 'ss']);
  if (s === 'sses') return w.slice(0, -2);
  if (s === 'ied' || s === 'ies') return w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  if (s === 's' && hasVowel(w.slice(0, -2))) return w.slice(0, -1);
  return w;
}

function step1b(w: string, r1: number): string {
  const s = longest(w, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
  if (s === undefined) return w;
  if (s === 'eed' || s === 'eedly') return w.length - s.length >= r1 ? w.slice(0, -s.length) + 'ee' : w;
  const stem = w.slice(0, -s.length);
  if (!hasVowel(stem)) return w;
  if (stem.endsWith('at') || stem.endsWith('bl') || stem.endsWith('iz')) return stem + 'e';
  if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(stem)) return stem.slice(0, -1);
  // A short word: it ends in a short syllable and R1 is empty.
  if (endsWithShortSyllable(stem) && r1 >= stem.length) return stem + 'e';
  return stem;
}

function step1c(w: string): string {
  const last = w[w.length - 1];
  if ((last === 'y' || last === 'Y') && w.length > 2 && !isVowel(w[w.length - 2])) return w.slice(0, -1) + 'i';
  return w;
}

const STEP2: [string, string][] = [
  ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['entli', 'ent'], ['izer', 'ize'],
  ['ization', 'ize'], ['ational', 'ate'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['aliti', 'al'],
  ['alli', 'al'], ['fulness', 'ful'], ['ousli', 'ous'], ['ousness', 'ous'], ['iveness', 'ive'], ['iviti', 'ive'],
  ['biliti', 'ble'], ['bli', 'ble'], ['ogi', 'og'], ['fulli', 'ful'], ['lessli', 'less'], ['li', ''],
];
const STEP3: [string, string][] = [
  ['tional', 'tion'], ['ational', 'ate'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'], ['ical', 'ic'],
  ['ful', ''], ['ness', ''], ['ative', ''],
];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion'];

function replaceIn(w: string, table: [string, string][], r1: number, r2: number): string {
  const s = longest(w, table.map(([from]) => from));
  if (s === undefined || w.length - s.length < r1) return w;
  const stem = w.slice(0, -s.length);
  if (s === 'ogi' && !stem.endsWith('l')) return w;
  if (s === 'li' && !/[cdeghkmnrt]$/.test(stem)) return w;
  if (s === 'ative' && w.length - s.length < r2) return w;
  return stem + (table.find(([from]) => from === s)?.[1] ?? '');
}

function step4(w: string, r2: number): string {
  const s = longest(w, STEP4);
  if (s === undefined || w.length - s.length < r2) return w;
  const stem = w.slice(0, -s.length);
  if (s === 'ion' && !/[st]$/.test(stem)) return w;
  return stem;
}

function step5(w: string, r1: number, r2: number): string {
  const n = w.length;
  if (w.endsWith('e') && (n - 1 >= r2 || (n - 1 >= r1 && !endsWithShortSyllable(w.slice(0, -1))))) return w.slice(0, -1);
  if (w.endsWith('ll') && n - 1 >= r2) return w.slice(0, -1);
  return w;
}

export function stem(word: string): string {
  if (word.length <= 2) return word;
  const exception = EXCEPTIONS[word];
  if (exception) return exception;
  // y at the start or after a vowel is a consonant: mark it Y for the steps below.
  let w = word.replace(/^y/, 'Y').replace(/([aeiouy])y/g, '$1Y');
  const prefix = /^(gener|commun|arsen)/.exec(w)?.[0];
  // Regions are fixed on the whole word; removing suffixes never moves them.
  const r1 = prefix ? prefix.length : regionAfter(w, 0);
  const r2 = regionAfter(w, r1);
  w = step1a(w);
  if (AFTER_1A.has(w)) return w;
  w = step1c(step1b(w, r1));
  w = replaceIn(w, STEP2, r1, r2);
  w = replaceIn(w, STEP3, r1, r2);
  w = step5(step4(w, r2), r1, r2);
  return w.replace(/Y/g, 'y');
}
