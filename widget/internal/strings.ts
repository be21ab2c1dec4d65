// Every string the visitor can see, in one complete table per language. ADD NEW KEYS HERE, to
// the English table: each other language is a `Record<StringKey, string>` in locales/<lang>.ts,
// so TypeScript names every translation still missing (and strings.test.ts checks none is left
// in English). The launcher's own few strings live in locales/launcher.ts (widget.js stays
// small). English is in the panel chunk; each other language is a chunk of its own, loaded
// (loadLocale) before the panel mounts, so a visitor downloads one language, not six.
import { baseLocale, LOCALES, type Locale } from './locales/choose';
import { LAUNCHER } from './locales/launcher';

const en = {
  ...LAUNCHER.en,
  loading: 'Loading chat…',
  tryAgain: 'Try again',
  defaultTitle: 'Chat with us',
  placeholder: 'Write a message…',
  send: 'Send',
  attach: 'Attach a file',
  removeFile: 'Remove {name}',
  uploading: 'Uploading {name}',
  uploadFailed: 'Upload failed',
  waitUploads: 'Waiting for uploads to finish…',
  fileTooLarge: '{name} is larger than {max}.',
  fileEmpty: '{name} is empty.',
  fileBadType: '{name}: this file type is not supported. Send images, PDF, office documents or text files.',
  tooManyFiles: 'You can attach up to {max} files per message.',
  you: 'You',
  agent: 'Agent',
  system: 'Notice',
  sending: 'Sending…',
  queued: 'Waiting for connection…',
  tooFast: 'You’re sending messages too fast — we’ll send this in a few seconds.',
  notSent: 'Not sent.',
  retry: 'Retry',
  typing: '{name} is typing…',
  someoneTyping: 'An agent is typing…',
  offline: 'You are offline. Messages will be sent when the connection is back.',
  reconnecting: 'Reconnecting…',
  waitingAgent: 'Waiting for an agent',
  chattingWith: 'You are chatting with {name}',
  agentJoined: '{name} joined the chat',
  anAgentJoined: 'An agent joined the chat',
  ended: 'This chat has ended.',
  seen: 'Seen',
  justNow: 'just now',
  newMessageFrom: 'New message from {name}: {text}',
  endChat: 'End chat',
  chatMenu: 'Chat options',
  endChatConfirm: 'End this chat?',
  cancel: 'Cancel',
  ratePrompt: 'How was this chat?',
  rateStars: 'Rate {n} out of 5',
  rateComment: 'Comment (optional)',
  rateSend: 'Send rating',
  ratingThanks: 'Thanks for your rating!',
  transcriptButton: 'Send me the transcript',
  transcriptEmail: 'Your e-mail address',
  transcriptSent: 'The transcript is on its way to {email}.',
  startNew: 'Start a new chat',
  afterHours: 'We are away right now',
  choiceSent: 'Thanks, your choice was sent.',
  // The unresponsive-agent choice buttons, labelled by action id (the server's labels are English).
  choiceAnotherAgent: 'Talk to another agent',
  choiceKeepWaiting: 'Keep waiting',
  openAttachment: 'Open {name}',
  messages: 'Messages',
  newMessage: 'New message from {name}',
  sessionError: 'Could not reach the chat service. Retrying…',
  optional: 'optional',
  name: 'Name',
  prechatTitle: 'Before we start',
  prechatIntro: 'Tell us a little about you, so the right person can help.',
  prechatSubmit: 'Start the chat',
  offlineTitle: 'Leave a message',
  offlineIntro: 'Nobody can chat right now. Leave your e-mail address and your question: we will answer by e-mail, and here when you come back.',
  offlineSubmit: 'Send message',
  offerText: 'Nobody can answer right now. Leave your e-mail and we will reply by e-mail — or write here and wait.',
  backToChat: 'Back to the chat',
  offlineSent: 'Thanks! We will answer at {email}, and here when you come back.',
  yourEmail: 'Your e-mail',
  yourName: 'Your name',
  yourMessage: 'Your message',
  queueNext: 'You are next in line',
  queuePosition: 'You are number {n} in line',
  queueWait: 'usually about {wait}',
  queueWaitShort: 'usually under a minute',
  minutes: '{n} min',
  underMinute: 'under a minute',
  usuallyReplies: 'Usually replies in {wait}',
} as const;

export type StringKey = keyof typeof en;
export type StringTable = Readonly<Record<StringKey, string>>;

// Filled by loadLocale; a language not loaded (yet, or its chunk failed) reads English.
const TABLES: Partial<Record<Locale, StringTable>> = { en };

/** `pt-BR` → `pt`; anything we have no table for → English. */
export function resolveLang(lang: string | null | undefined): Locale {
  return baseLocale(lang) ?? 'en';
}

type Params = Record<string, string | number>;

export interface Translate {
  (key: StringKey, params?: Params): string;
  /** The resolved language, for tables kept apart (errorTranslator). */
  readonly lang: Locale;
}

// Parameters are substituted as plain text; the result is rendered as text too.
const fill = (template: string, params?: Params): string =>
  params ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : template;

export function translator(lang?: string | null): Translate {
  const resolved = resolveLang(lang);
  // Looked up per call, so a translator made before its language loaded speaks it once it has.
  return Object.assign((key: StringKey, params?: Params) => fill((TABLES[resolved] ?? en)[key] ?? en[key], params), { lang: resolved });
}

// What an API refusal means to the visitor (see internal/errors.ts). Only the panel shows these,
// so they are a table of their own, which keeps them out of widget.js (the launcher).
const enErrors = {
  errorFileTooLarge: 'This file is too large to send.',
  errorFileTooLargeMax: 'This file is too large to send. Files can be up to {max}.',
  errorFileType: 'This file type is not supported. Send images, PDF, office documents or text files.',
  errorFileRefused: 'This file could not be accepted.',
  errorInvalid: 'This could not be sent as it is. Please check it and try again.',
  errorRateLimited: 'Too many attempts. Please wait a moment and try again.',
  errorSession: 'Your chat session has expired. Please reload the page.',
  errorForbidden: 'This is not allowed in this chat.',
  errorNotFound: 'This chat is no longer available.',
  errorConflict: 'This changed in the meantime. Please try again.',
  errorServer: 'The chat service had a problem. Please try again in a moment.',
  errorNetwork: 'The connection was lost. Please try again.',
  errorUnknown: 'Something went wrong. Please try again.',
} as const;

export type ErrorStringKey = keyof typeof enErrors;

// Every language's error table is complete (a Record, in locales/<lang>.ts).
const ERROR_TABLES: Partial<Record<Locale, Readonly<Record<ErrorStringKey, string>>>> = { en: enErrors };

type Loaded = { strings: StringTable; errors: Readonly<Record<ErrorStringKey, string>> };
// Literal import() calls, one per language, so the bundler makes one chunk per language.
const LOADERS: Record<Exclude<Locale, 'en'>, () => Promise<Loaded>> = {
  fr: () => import('./locales/fr').then((m) => ({ strings: m.fr, errors: m.frErrors })),
  de: () => import('./locales/de').then((m) => ({ strings: m.de, errors: m.deErrors })),
  es: () => import('./locales/es').then((m) => ({ strings: m.es, errors: m.esErrors })),
  pt: () => import('./locales/pt').then((m) => ({ strings: m.pt, errors: m.ptErrors })),
  nl: () => import('./locales/nl').then((m) => ({ strings: m.nl, errors: m.nlErrors })),
};

/** Load a language's tables; resolves to the language the widget will speak (English if the chunk fails). */
export async function loadLocale(lang: string | null | undefined): Promise<Locale> {
  const locale = resolveLang(lang);
  if (locale === 'en' || TABLES[locale]) return locale;
  try {
    const loaded = await LOADERS[locale]();
    TABLES[locale] = loaded.strings;
    ERROR_TABLES[locale] = loaded.errors;
    return locale;
  } catch {
    return 'en';
  }
}

export type ErrorTranslate = (key: ErrorStringKey, params?: Params) => string;

export function errorTranslator(lang?: string | null): ErrorTranslate {
  const resolved = resolveLang(lang);
  return (key, params) => fill((ERROR_TABLES[resolved] ?? enErrors)[key] ?? enErrors[key], params);
}

export function unreadLabel(t: Translate, n: number): string {
  return n === 1 ? t('unreadOne') : t('unreadMany', { n });
}

export const LANGUAGES: readonly Locale[] = LOCALES;
export { en as englishStrings, enErrors as englishErrors, TABLES as STRING_TABLES, ERROR_TABLES };
