// Every string the visitor can see, in one table per language. English is complete and is the
// fallback for any key another language lacks; add a language by adding a table.

const en = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unreadOne: '1 unread message',
  unreadMany: '{n} unread messages',
  loading: 'Loading chat…',
  loadFailed: 'The chat could not be loaded.',
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
  endChat: 'End chat',
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
  offlineSent: 'Thanks! We will answer at {email}, and here when you come back.',
  yourEmail: 'Your e-mail',
  yourName: 'Your name',
  yourMessage: 'Your message',
  queueNext: 'You are next in line',
  queuePosition: 'You are number {n} in line',
  queueWait: 'usually about {wait}',
  minutes: '{n} min',
  underMinute: 'under a minute',
} as const;

export type StringKey = keyof typeof en;
export type StringTable = Readonly<Record<StringKey, string>>;

const fr: Partial<StringTable> = {
  openChat: 'Ouvrir le chat',
  closeChat: 'Fermer le chat',
  unreadOne: '1 message non lu',
  unreadMany: '{n} messages non lus',
  defaultTitle: 'Discutons',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  attach: 'Joindre un fichier',
  you: 'Vous',
  sending: 'Envoi…',
  notSent: 'Non envoyé.',
  tooFast: 'Vous envoyez trop de messages à la fois — celui-ci partira dans quelques secondes.',
  retry: 'Réessayer',
  ended: 'Cette conversation est terminée.',
  seen: 'Vu',
  endChat: 'Terminer le chat',
  endChatConfirm: 'Terminer cette conversation ?',
  cancel: 'Annuler',
  startNew: 'Nouvelle conversation',
  optional: 'facultatif',
  offlineTitle: 'Laisser un message',
  offlineSubmit: 'Envoyer le message',
  yourEmail: 'Votre e-mail',
  yourName: 'Votre nom',
  yourMessage: 'Votre message',
};

const TABLES: Record<string, Partial<StringTable>> = { en, fr };

/** `pt-BR` → table `pt-BR`, then `pt`, then English. */
export function resolveLang(lang: string | null | undefined): string {
  const wanted = (lang ?? '').trim();
  if (!wanted) return 'en';
  if (TABLES[wanted]) return wanted;
  const base = wanted.split('-')[0]!.toLowerCase();
  return TABLES[base] ? base : 'en';
}

type Params = Record<string, string | number>;

export interface Translate {
  (key: StringKey, params?: Params): string;
  /** The resolved language, for tables kept apart (errorTranslator). */
  readonly lang: string;
}

// Parameters are substituted as plain text; the result is rendered as text too.
const fill = (template: string, params?: Params): string =>
  params ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : template;

export function translator(lang?: string | null): Translate {
  const resolved = resolveLang(lang);
  const table = TABLES[resolved]!;
  return Object.assign((key: StringKey, params?: Params) => fill(table[key] ?? en[key], params), { lang: resolved });
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

// Complete on purpose (a Record, not Partial): every error the visitor can meet reads in French too.
const frErrors: Record<ErrorStringKey, string> = {
  errorFileTooLarge: 'Ce fichier est trop volumineux pour être envoyé.',
  errorFileTooLargeMax: 'Ce fichier est trop volumineux pour être envoyé. Les fichiers peuvent faire jusqu’à {max}.',
  errorFileType: 'Ce type de fichier n’est pas pris en charge. Envoyez des images, des PDF, des documents bureautiques ou des fichiers texte.',
  errorFileRefused: 'Ce fichier n’a pas pu être accepté.',
  errorInvalid: 'Cet envoi n’a pas pu être accepté tel quel. Vérifiez-le et réessayez.',
  errorRateLimited: 'Trop de tentatives. Patientez un instant, puis réessayez.',
  errorSession: 'Votre session de chat a expiré. Rechargez la page.',
  errorForbidden: 'Cette action n’est pas autorisée dans cette conversation.',
  errorNotFound: 'Cette conversation n’est plus disponible.',
  errorConflict: 'Cela a changé entre-temps. Réessayez.',
  errorServer: 'Le service de chat a rencontré un problème. Réessayez dans un instant.',
  errorNetwork: 'La connexion a été perdue. Réessayez.',
  errorUnknown: 'Une erreur s’est produite. Réessayez.',
};

const ERROR_TABLES: Record<string, Partial<Record<ErrorStringKey, string>>> = { en: enErrors, fr: frErrors };

export type ErrorTranslate = (key: ErrorStringKey, params?: Params) => string;

export function errorTranslator(lang?: string | null): ErrorTranslate {
  const table = ERROR_TABLES[resolveLang(lang)] ?? enErrors;
  return (key, params) => fill(table[key] ?? enErrors[key], params);
}

export function unreadLabel(t: Translate, n: number): string {
  return n === 1 ? t('unreadOne') : t('unreadMany', { n });
}

export const LANGUAGES = Object.keys(TABLES);
