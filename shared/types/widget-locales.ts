// The widget's languages and the organization texts it takes per language, as plain constants:
// the console and the widget import these (no TypeBox at run time); shared/contract/widget-texts.ts
// builds the schemas from them.

/** The widget's languages (widget/internal/locales/choose.ts uses this list). */
export const WIDGET_LOCALES = ['en', 'fr', 'de', 'es', 'pt', 'nl'] as const;
export type WidgetLocale = (typeof WIDGET_LOCALES)[number];

export const WIDGET_TEXT_KEYS = ['greeting', 'afterHours', 'assigned', 'offline'] as const;
export type WidgetTextKey = (typeof WIDGET_TEXT_KEYS)[number];

/** Longest text per kind, in characters (after trimming). */
export const WIDGET_TEXT_MAX: Readonly<Record<WidgetTextKey, number>> = { greeting: 500, afterHours: 1000, assigned: 500, offline: 1000 };
