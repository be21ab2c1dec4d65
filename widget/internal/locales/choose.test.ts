import { describe, expect, test } from 'bun:test';
import { chooseLocale, type Locale, type LocaleSources } from './choose';

describe('chooseLocale', () => {
  test.each<[string, LocaleSources, Locale]>([
    ['nothing at all → English', {}, 'en'],
    ['all empty → English', { dataLocale: '', htmlLang: '', navigatorLanguages: [] }, 'en'],
    ['data-locale wins over html and browser', { dataLocale: 'de', htmlLang: 'fr', navigatorLanguages: ['es'] }, 'de'],
    ['html lang when no data-locale', { dataLocale: null, htmlLang: 'fr', navigatorLanguages: ['es'] }, 'fr'],
    ['browser when neither', { htmlLang: '', navigatorLanguages: ['nl-NL', 'en'] }, 'nl'],
    ['first supported browser language', { navigatorLanguages: ['ja', 'ko', 'pt-PT', 'fr'] }, 'pt'],
    ['unsupported data-locale is skipped', { dataLocale: 'ja', htmlLang: 'es' }, 'es'],
    ['unsupported html lang is skipped', { htmlLang: 'zh-Hans', navigatorLanguages: ['de-CH'] }, 'de'],
    ['nothing supported → English', { dataLocale: 'ja', htmlLang: 'zh', navigatorLanguages: ['ko', 'ru'] }, 'en'],
    ['casing: FR', { dataLocale: 'FR' }, 'fr'],
    ['casing and spaces: " De "', { dataLocale: ' De ' }, 'de'],
    ['region pt-BR → pt', { htmlLang: 'pt-BR' }, 'pt'],
    ['region fr-CA → fr', { dataLocale: 'fr-CA' }, 'fr'],
    ['region nl-BE → nl', { navigatorLanguages: ['nl-BE'] }, 'nl'],
    ['region es-419 → es', { htmlLang: 'es-419' }, 'es'],
    ['underscore ES_mx → es', { dataLocale: 'ES_mx' }, 'es'],
    ['en-GB → en, not the browser', { htmlLang: 'en-GB', navigatorLanguages: ['fr'] }, 'en'],
    ['a prefix is not a language ("french")', { dataLocale: 'french', htmlLang: 'nl' }, 'nl'],
    ['nulls inside navigator.languages', { navigatorLanguages: [null, undefined, 'es'] }, 'es'],
  ])('%s', (_label, sources, expected) => {
    expect(chooseLocale(sources)).toBe(expected);
  });
});
