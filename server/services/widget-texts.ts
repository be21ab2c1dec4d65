// The organization's per-language widget texts (issue 18 item 9): validating a patch, reading
// them back, and choosing the one a visitor sees. The after-hours and assigned texts are stored
// messages, so the server picks them here in the visitor's language (contact.locale, sent by
// the widget); a language without an override reads the team's own text.
import type { AppContext } from '../context';
import { defaultTeamSettings } from '../domain/team-settings';
import type { ChatDoc, OrganizationDoc } from '../db/types';
import { badRequest } from '../errors';
import {
  WIDGET_LOCALES,
  WIDGET_TEXT_KEYS,
  WIDGET_TEXT_MAX,
  type WidgetConfigTexts,
  type WidgetLocale,
  type WidgetTextKey,
  type WidgetTexts,
} from '../../shared/contract/widget-texts';

/** `pt-BR` / `FR` / `nl_BE` → the widget language it reads, or null when we have none. */
export function widgetLocaleOf(tag: string | null | undefined): WidgetLocale | null {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (WIDGET_LOCALES as readonly string[]).includes(base) ? (base as WidgetLocale) : null;
}

/** The stored texts, reduced to known languages and non-empty strings (the field is free-form in MongoDB). */
export function widgetTextsOf(org: Pick<OrganizationDoc, 'widgetTexts'>): WidgetTexts {
  const stored = (org.widgetTexts ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const out: Record<string, Record<string, string>> = {};
  for (const locale of WIDGET_LOCALES) {
    const texts: Record<string, string> = {};
    for (const key of WIDGET_TEXT_KEYS) {
      const value = stored[locale]?.[key];
      if (typeof value === 'string' && value.trim() !== '') texts[key] = value;
    }
    if (Object.keys(texts).length > 0) out[locale] = texts;
  }
  return out as WidgetTexts;
}

export function widgetTextFor(org: Pick<OrganizationDoc, 'widgetTexts'>, locale: WidgetLocale | null, key: WidgetTextKey): string | null {
  if (!locale) return null;
  return widgetTextsOf(org)[locale]?.[key] ?? null;
}

/**
 * A patch's texts as `$set` entries: each text trimmed, '' clears it (the default shows again).
 * The schema bounds the raw length already; this names the field for what it cannot check.
 */
export function widgetTextsSet(patch: WidgetTexts): Record<string, string> {
  const set: Record<string, string> = {};
  for (const locale of WIDGET_LOCALES) {
    const texts = patch[locale];
    if (!texts) continue;
    for (const key of WIDGET_TEXT_KEYS) {
      const raw = texts[key];
      if (raw === undefined) continue;
      const value = raw.trim();
      const field = `body.widgetTexts.${locale}.${key}`;
      if (value.length > WIDGET_TEXT_MAX[key]) throw badRequest(`Must be at most ${WIDGET_TEXT_MAX[key]} characters`, field);
      if (key === 'assigned' && /\{(?!agent\})[^}]*\}/.test(value)) throw badRequest('The only placeholder is {agent}', field);
      set[`widgetTexts.${locale}.${key}`] = value;
    }
  }
  return set;
}

// The organization model's untouched defaults (db/models/organization.ts). A visitor in another
// language gets these in theirs instead: an organization that never edited them did not choose
// English, it chose "the default".
const MODEL_TITLE = 'Chat with us';
const MODEL_GREETING = 'Hi! How can we help you today?';
const DEFAULT_GREETINGS: Readonly<Record<WidgetLocale, string>> = {
  en: MODEL_GREETING,
  fr: 'Bonjour ! Comment pouvons-nous vous aider ?',
  de: 'Hallo! Wie können wir Ihnen helfen?',
  es: '¡Hola! ¿En qué podemos ayudarte?',
  pt: 'Olá! Em que podemos ajudar?',
  nl: 'Hallo! Waarmee kunnen we je helpen?',
};

/** Title and greeting for the visitor's language: the override, else the org's, else (untouched) the default in that language. */
export function localizedWidget<W extends { title: string; greeting: string }>(widget: W, texts: WidgetConfigTexts): W {
  const locale = texts.locale as WidgetLocale;
  const out = { ...widget };
  // '' makes the widget use its own translated default title.
  if (locale !== 'en' && out.title.trim() === MODEL_TITLE) out.title = '';
  if (texts.greeting) out.greeting = texts.greeting;
  else if (out.greeting.trim() === MODEL_GREETING) out.greeting = DEFAULT_GREETINGS[locale] ?? MODEL_GREETING;
  return out;
}

/** The config answer's texts: the visitor's language and its overrides. */
export function configTexts(org: Pick<OrganizationDoc, 'widgetTexts'>, requested: string | null | undefined): WidgetConfigTexts {
  const locale = widgetLocaleOf(requested) ?? 'en';
  return {
    locale,
    greeting: widgetTextFor(org, locale, 'greeting'),
    afterHours: widgetTextFor(org, locale, 'afterHours'),
    offline: widgetTextFor(org, locale, 'offline'),
  };
}

// A team's untouched default texts (domain/team-settings.ts), in each language: like the
// greeting, a default nobody edited is not a choice of English.
const TEAM_DEFAULTS: Readonly<Record<'afterHours' | 'assigned' | 'unresponsive', Readonly<Record<WidgetLocale, string>>>> = {
  afterHours: {
    en: defaultTeamSettings().afterHoursMessage ?? '',
    fr: 'Nous sommes absents pour le moment — laissez votre question ici et nous vous répondrons dès notre retour.',
    de: 'Wir sind gerade nicht da – hinterlassen Sie Ihre Frage hier, wir antworten, sobald wir zurück sind.',
    es: 'Ahora mismo no estamos disponibles: deja aquí tu pregunta y te responderemos en cuanto volvamos.',
    pt: 'Estamos ausentes neste momento — deixe aqui a sua pergunta e responderemos assim que voltarmos.',
    nl: 'We zijn er nu even niet — laat je vraag hier achter, dan antwoorden we zodra we terug zijn.',
  },
  assigned: {
    en: defaultTeamSettings().assignedMessage ?? '',
    fr: 'Vous discutez maintenant avec {agent}.',
    de: 'Sie chatten jetzt mit {agent}.',
    es: 'Ahora estás hablando con {agent}.',
    pt: 'Em conversa com {agent}.',
    nl: 'Je chat nu met {agent}.',
  },
  unresponsive: {
    en: defaultTeamSettings().unresponsiveMessage ?? '',
    fr: 'Désolés pour l’attente — {agent} semble occupé·e. Voulez-vous parler à un autre agent, ou continuer d’attendre ?',
    de: 'Entschuldigen Sie die Wartezeit – {agent} ist gerade beschäftigt. Möchten Sie mit jemand anderem sprechen oder weiter warten?',
    es: 'Perdona la espera: {agent} parece estar ocupado. ¿Quieres hablar con otra persona del equipo o seguir esperando?',
    pt: 'Desculpe a espera — {agent} parece estar ocupado. Quer falar com outra pessoa da equipa ou continuar a aguardar?',
    nl: 'Sorry voor het wachten — {agent} lijkt bezet. Wil je iemand anders spreken, of blijf je wachten?',
  },
};

/** The agent's name when it is unknown, in the visitor's language. */
const SOME_AGENT: Readonly<Record<WidgetLocale, string>> = { en: 'Your agent', fr: 'Votre agent', de: 'Ihr Ansprechpartner', es: 'Tu agente', pt: 'O seu agente', nl: 'Je medewerker' };

/**
 * The unresponsive-agent offer for this chat's visitor: the team's text, or (empty or untouched)
 * the default in their language; `agentName` null reads "your agent" in that language.
 */
export async function unresponsiveOfferText(ctx: AppContext, chat: ChatDoc, teamText: string | null | undefined, agentName: string | null): Promise<{ template: string; agent: string }> {
  const own = (teamText ?? '').trim();
  const contact = await ctx.repos.forOrg(chat.orgId).contacts.findById(chat.contactId);
  const locale = widgetLocaleOf(contact?.locale) ?? 'en';
  const template = own === '' || own === TEAM_DEFAULTS.unresponsive.en ? TEAM_DEFAULTS.unresponsive[locale] : own;
  return { template, agent: agentName ?? SOME_AGENT[locale] };
}

/**
 * The text of an automatic message (after-hours, assigned) for this chat's visitor: the
 * organization's override for their language, else the team's text (its untouched default in
 * their language). A team whose text is empty sends no such message at all — the override
 * translates it, it does not switch it on.
 */
export async function automaticText(ctx: AppContext, chat: ChatDoc, key: 'afterHours' | 'assigned', teamText: string | null | undefined): Promise<string> {
  const fallback = (teamText ?? '').trim();
  if (fallback === '') return '';
  const repos = ctx.repos.forOrg(chat.orgId);
  const contact = await repos.contacts.findById(chat.contactId);
  const locale = widgetLocaleOf(contact?.locale);
  if (!locale) return fallback;
  const org = await repos.organization.findOne();
  const override = org && widgetTextFor(org, locale, key)?.trim();
  if (override) return override;
  return fallback === TEAM_DEFAULTS[key].en ? TEAM_DEFAULTS[key][locale] : fallback;
}
