import { describe, expect, test } from 'bun:test';
import { errorTranslator, LANGUAGES, resolveLang, translator, unreadLabel } from './strings';

describe('strings', () => {
  test.each([
    [undefined, 'en'],
    [null, 'en'],
    ['', 'en'],
    ['en', 'en'],
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['FR-ca', 'fr'],
    ['de', 'en'],
    ['xx-YY', 'en'],
  ])('resolveLang(%p) → %s', (lang, expected) => {
    expect(resolveLang(lang)).toBe(expected);
  });

  test.each([
    ['en', 'send', undefined, 'Send'],
    ['fr', 'send', undefined, 'Envoyer'],
    // French lacks this key: English fills in.
    ['fr', 'reconnecting', undefined, 'Reconnecting…'],
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
  });

  test('every table only holds keys English has, with the same placeholders', () => {
    const en = translator('en');
    expect(LANGUAGES).toContain('en');
    for (const lang of LANGUAGES) {
      const t = translator(lang);
      for (const key of ['typing', 'unreadMany', 'removeFile', 'fileTooLarge'] as const) {
        const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(t(key))).toEqual(placeholders(en(key)));
      }
    }
  });

  test('a translator names its resolved language (for the error table)', () => {
    expect(translator('fr-CA').lang).toBe('fr');
    expect(translator('de').lang).toBe('en');
  });

  test('error sentences exist in English and French, with the same placeholders', () => {
    const en = errorTranslator('en');
    const fr = errorTranslator('fr');
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    expect(en('errorFileTooLarge')).toBe('This file is too large to send.');
    expect(fr('errorFileTooLarge')).toBe('Ce fichier est trop volumineux pour être envoyé.');
    expect(placeholders(fr('errorFileTooLargeMax'))).toEqual(placeholders(en('errorFileTooLargeMax')));
    expect(fr('errorFileTooLargeMax', { max: '20 MB' })).toContain('20 MB');
    expect(errorTranslator('de')('errorNetwork')).toBe(en('errorNetwork'));
  });
});
