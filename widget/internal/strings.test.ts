import { beforeAll, describe, expect, test } from 'bun:test';
import { LAUNCHER } from './locales/launcher';
import { SAME_AS_ENGLISH } from './locales/same-as-english';
import { englishErrors, englishStrings, ERROR_TABLES, errorTranslator, LANGUAGES, loadLocale, resolveLang, STRING_TABLES, translator, unreadLabel } from './strings';

beforeAll(async () => {
  for (const lang of LANGUAGES) expect(await loadLocale(lang)).toBe(lang);
});


const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('strings', () => {
  test.each([
    [undefined, 'en'],
    [null, 'en'],
    ['', 'en'],
    ['en', 'en'],
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['FR-ca', 'fr'],
    ['de', 'de'],
    ['pt-BR', 'pt'],
    ['nl-BE', 'nl'],
    ['es_MX', 'es'],
    ['xx-YY', 'en'],
  ] as const)('resolveLang(%p) → %s', (lang, expected) => {
    expect(resolveLang(lang)).toBe(expected);
  });

  test.each([
    ['en', 'send', undefined, 'Send'],
    ['fr', 'send', undefined, 'Envoyer'],
    ['fr', 'waitingAgent', undefined, 'En attente d’un conseiller'],
    ['de', 'chattingWith', { name: 'Ann' }, 'Sie chatten mit Ann'],
    ['nl', 'typing', { name: 'Ann' }, 'Ann typt…'],
    ['en', 'typing', { name: 'Ann' }, 'Ann is typing…'],
    ['en', 'unreadMany', { n: 3 }, '3 unread messages'],
    // Unknown placeholders are left visible rather than silently dropped.
    ['en', 'typing', {}, '{name} is typing…'],
    // Parameters are inserted verbatim (rendered as text later), even if they look like markup.
    ['en', 'agentJoined', { name: '<b>x</b>' }, '<b>x</b> joined the chat'],
  ] as const)('%s %s', (lang, key, params, expected) => {
    expect(translator(lang)(key, params as Record<string, string> | undefined)).toBe(expected);
  });

  test('unread label is pluralized', () => {
    const t = translator('en');
    expect(unreadLabel(t, 1)).toBe('1 unread message');
    expect(unreadLabel(t, 5)).toBe('5 unread messages');
    expect(unreadLabel(translator('pt'), 2)).toBe('2 mensagens não lidas');
  });

  test('six languages, English among them', () => {
    expect([...LANGUAGES].sort()).toEqual(['de', 'en', 'es', 'fr', 'nl', 'pt']);
  });

  // TypeScript already refuses a table missing a key; this also catches a key left in English.
  test.each(LANGUAGES.filter((l) => l !== 'en'))('%s: every key translated, same placeholders, none left in English', (lang) => {
    const allowed = new Set<string>(SAME_AS_ENGLISH[lang] ?? []);
    const table = STRING_TABLES[lang] as Record<string, string>;
    const errors = ERROR_TABLES[lang] as Record<string, string>;
    const untranslated: string[] = [];
    for (const [key, english] of [...Object.entries(englishStrings), ...Object.entries(englishErrors)]) {
      const value = table[key] ?? errors[key];
      expect(typeof value, `${lang}.${key} missing`).toBe('string');
      expect(value!.trim().length, `${lang}.${key} empty`).toBeGreaterThan(0);
      expect(placeholders(value!), `${lang}.${key} placeholders`).toEqual(placeholders(english));
      if (value === english && !allowed.has(key)) untranslated.push(key);
    }
    expect(untranslated).toEqual([]);
    // Tables hold no keys English lacks (a renamed key would leave a stale one behind).
    for (const key of Object.keys(table)) expect(key in englishStrings, `${lang}.${key} unknown`).toBe(true);
    for (const key of Object.keys(errors)) expect(key in englishErrors, `${lang}.${key} unknown`).toBe(true);
  });

  test('the allow-list names only keys that really equal English', () => {
    for (const [lang, keys] of Object.entries(SAME_AS_ENGLISH)) {
      for (const key of keys) expect((STRING_TABLES as Record<string, Record<string, string>>)[lang]![key]).toBe((englishStrings as Record<string, string>)[key]);
    }
  });

  test('the launcher strings are the panel tables’ own (one source)', () => {
    for (const lang of LANGUAGES) for (const [key, value] of Object.entries(LAUNCHER[lang])) expect(translator(lang)(key as 'openChat')).toBe(value);
  });

  test('a translator names its resolved language (for the error table)', () => {
    expect(translator('fr-CA').lang).toBe('fr');
    expect(translator('ja').lang).toBe('en');
  });

  test('error sentences in every language, with the same placeholders', () => {
    const en = errorTranslator('en');
    const fr = errorTranslator('fr');
    expect(en('errorFileTooLarge')).toBe('This file is too large to send.');
    expect(fr('errorFileTooLarge')).toBe('Ce fichier est trop volumineux pour être envoyé.');
    expect(errorTranslator('de-AT')('errorNetwork')).toBe('Die Verbindung wurde unterbrochen. Bitte versuchen Sie es erneut.');
    expect(errorTranslator('pt-BR')('errorFileTooLargeMax', { max: '20 MB' })).toContain('20 MB');
    expect(errorTranslator('ja')('errorNetwork')).toBe(en('errorNetwork'));
  });
});
