// Which language the widget speaks. Pure, so the launcher (widget.js) and the tests share it:
// the embed's `data-locale` wins, then the page's <html lang>, then the browser's preferences;
// a source naming a language we do not have is skipped, not obeyed, and English is the floor.
// Region variants (pt-BR, fr-CA, nl-BE, de_AT) use their base language's table.

import { WIDGET_LOCALES, type WidgetLocale } from '../../../shared/types/widget-locales';

export const LOCALES = WIDGET_LOCALES;
export type Locale = WidgetLocale;

/** `pt-BR` / `PT_br` / ` fr ` → the supported base language, or null. */
export function baseLocale(tag: string | null | undefined): Locale | null {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : null;
}

export interface LocaleSources {
  /** The embed's `data-locale` (or the element's `locale` attribute). */
  dataLocale?: string | null;
  /** `document.documentElement.lang`. */
  htmlLang?: string | null;
  /** `navigator.languages` (falls back to `[navigator.language]` at the call site). */
  navigatorLanguages?: readonly (string | null | undefined)[] | null;
}

export function chooseLocale(sources: LocaleSources): Locale {
  for (const candidate of [sources.dataLocale, sources.htmlLang, ...(sources.navigatorLanguages ?? [])]) {
    const found = baseLocale(candidate);
    if (found) return found;
  }
  return 'en';
}
