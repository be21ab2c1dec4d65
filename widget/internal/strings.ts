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
  startNew: 'Start a new chat',
  afterHours: 'We are away right now',
  choiceSent: 'Thanks, your choice was sent.',
  openAttachment: 'Open {name}',
  messages: 'Messages',
  newMessage: 'New message from {name}',
  sessionError: 'Could not reach the chat service. Retrying…',
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
  retry: 'Réessayer',
  ended: 'Cette conversation est terminée.',
  startNew: 'Nouvelle conversation',
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

export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

export function translator(lang?: string | null): Translate {
  const table = TABLES[resolveLang(lang)]!;
  return (key, params) => {
    const template = table[key] ?? en[key];
    // Parameters are substituted as plain text; the result is rendered as text too.
    return params ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : template;
  };
}

export function unreadLabel(t: Translate, n: number): string {
  return n === 1 ? t('unreadOne') : t('unreadMany', { n });
}

export const LANGUAGES = Object.keys(TABLES);
