// The few strings widget.js (the launcher) shows before the panel chunk is loaded. They live
// apart from the full tables so every page view does not pay for every language's panel
// strings; the full tables (strings.ts, locales/*.ts) spread these in, so each has one source.
import type { Locale } from './choose';

export type LauncherKey = 'openChat' | 'closeChat' | 'unreadOne' | 'unreadMany' | 'loadFailed';

export const LAUNCHER: Readonly<Record<Locale, Readonly<Record<LauncherKey, string>>>> = {
  en: { openChat: 'Open chat', closeChat: 'Close chat', unreadOne: '1 unread message', unreadMany: '{n} unread messages', loadFailed: 'The chat could not be loaded.' },
  fr: { openChat: 'Ouvrir le chat', closeChat: 'Fermer le chat', unreadOne: '1 message non lu', unreadMany: '{n} messages non lus', loadFailed: 'Le chat n’a pas pu être chargé.' },
  de: { openChat: 'Chat öffnen', closeChat: 'Chat schließen', unreadOne: '1 ungelesene Nachricht', unreadMany: '{n} ungelesene Nachrichten', loadFailed: 'Der Chat konnte nicht geladen werden.' },
  es: { openChat: 'Abrir el chat', closeChat: 'Cerrar el chat', unreadOne: '1 mensaje sin leer', unreadMany: '{n} mensajes sin leer', loadFailed: 'No se pudo cargar el chat.' },
  pt: { openChat: 'Abrir o chat', closeChat: 'Fechar o chat', unreadOne: '1 mensagem não lida', unreadMany: '{n} mensagens não lidas', loadFailed: 'Não foi possível carregar o chat.' },
  nl: { openChat: 'Chat openen', closeChat: 'Chat sluiten', unreadOne: '1 ongelezen bericht', unreadMany: '{n} ongelezen berichten', loadFailed: 'De chat kon niet worden geladen.' },
};

/** The launcher's translator: `{n}` is the only placeholder it needs. */
export function launcherText(locale: Locale, key: LauncherKey, n?: number): string {
  const text = LAUNCHER[locale][key];
  return n === undefined ? text : text.replace('{n}', String(n));
}

export function launcherUnread(locale: Locale, n: number): string {
  return n === 1 ? launcherText(locale, 'unreadOne') : launcherText(locale, 'unreadMany', n);
}
