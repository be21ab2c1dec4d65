// Values a language shares with English because they are the same word there (checked by a
// native reading, not by accident): anything else equal to English is an untranslated string.
// Used by strings.test.ts and the browser test (test/languages.browser.test.ts).
import type { Locale } from './choose';

export const SAME_AS_ENGLISH: Readonly<Partial<Record<Locale, readonly string[]>>> = {
  fr: ['messages', 'minutes'],
  de: ['name'],
  es: ['minutes'],
  pt: ['minutes'],
  nl: ['minutes'],
};
