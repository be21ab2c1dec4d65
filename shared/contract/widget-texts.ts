// Per-language texts an organization writes for its widget (issue 18 item 9): the greeting, the
// after-hours and assigned messages (stored messages, so the server picks the visitor's
// language) and the offline form's intro. A text left empty falls back to the team/org default.
import { t, strict, type Static } from './common';
import { WIDGET_TEXT_MAX } from '../types/widget-locales';

export { WIDGET_LOCALES, WIDGET_TEXT_KEYS, WIDGET_TEXT_MAX, type WidgetLocale, type WidgetTextKey } from '../types/widget-locales';

const textsOfOneLanguage = t.Object(
  {
    greeting: t.Optional(t.String({ maxLength: WIDGET_TEXT_MAX.greeting, description: 'Shown as the first message of the widget' })),
    afterHours: t.Optional(t.String({ maxLength: WIDGET_TEXT_MAX.afterHours, description: 'Stored in the chat when it starts outside the team’s hours' })),
    assigned: t.Optional(t.String({ maxLength: WIDGET_TEXT_MAX.assigned, description: 'Stored in the chat when an agent is assigned; {agent} is their name' })),
    offline: t.Optional(t.String({ maxLength: WIDGET_TEXT_MAX.offline, description: 'The offline form’s intro' })),
  },
  strict,
);

const one = t.Optional(textsOfOneLanguage);

/** In the organization: only the languages and texts that were set. In a patch: '' clears one. */
export const widgetTextsSchema = t.Object({ en: one, fr: one, de: one, es: one, pt: one, nl: one }, { ...strict, title: 'WidgetTexts' });

/** In the widget config answer: the visitor's language and that language's overrides (null: none). */
export const widgetConfigTextsSchema = t.Object(
  {
    locale: t.String({ description: 'The language the texts are for (the widget’s, or en)' }),
    greeting: t.Union([t.String(), t.Null()]),
    afterHours: t.Union([t.String(), t.Null()]),
    offline: t.Union([t.String(), t.Null()]),
  },
  { title: 'WidgetConfigTexts' },
);

export type WidgetTexts = Static<typeof widgetTextsSchema>;
export type WidgetTextsOfLanguage = Static<typeof textsOfOneLanguage>;
export type WidgetConfigTexts = Static<typeof widgetConfigTextsSchema>;
