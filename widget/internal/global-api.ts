// `window.PhoenixChat`: the only global the widget creates. Calls made before widget.js ran
// can be queued by the host page (`PhoenixChat = { q: [] }; PhoenixChat.q.push(['open'])`),
// and are replayed here.
import type { Emitter, Listener } from './emitter';

interface ChatElementLike extends HTMLElement {
  open(): Promise<void>;
  close(): void;
  toggle(): void;
  identify(userId: string | null, userHash: string | null): void;
  isOpen: boolean;
}

export interface PhoenixChatApi {
  version: string;
  open(): void;
  close(): void;
  toggle(): void;
  isOpen(): boolean;
  /** Identity verification: the server checks userHash = HMAC(secret, userId). */
  identify(user: { userId?: string | null; userHash?: string | null }): void;
  on(event: string, fn: Listener): () => void;
  off(event: string, fn: Listener): void;
}

/**
 * Installs the API and returns a function that replays the queued calls. The loader calls that
 * only after <phoenix-chat> is defined (so `open` has an element to open), but installs the API
 * before, so a queued `on('ready')` listener is in place when the element announces itself.
 */
export function installApi(tag: string, emitter: Emitter, version: string): () => void {
  const w = window as unknown as { PhoenixChat?: unknown };
  const existing = w.PhoenixChat as { q?: unknown; version?: unknown } | undefined;
  if (existing && typeof existing.version === 'string') return () => undefined;
  const el = (): ChatElementLike | null => document.querySelector(tag) as ChatElementLike | null;
  const api: PhoenixChatApi = {
    version,
    open: () => void el()?.open(),
    close: () => el()?.close(),
    toggle: () => el()?.toggle(),
    isOpen: () => !!el()?.isOpen,
    identify: (user) => el()?.identify(user?.userId ?? null, user?.userHash ?? null),
    on: (event, fn) => emitter.on(event, fn),
    off: (event, fn) => emitter.off(event, fn),
  };
  w.PhoenixChat = Object.freeze(api);
  const queue = existing && Array.isArray(existing.q) ? (existing.q as unknown[]) : [];
  const call = (entry: unknown): void => {
    if (!Array.isArray(entry)) return;
    const [method, ...args] = entry as [keyof PhoenixChatApi, ...unknown[]];
    const fn = api[method];
    if (typeof fn === 'function') (fn as (...a: unknown[]) => unknown)(...args);
  };
  // Listeners first, whatever their position in the queue: they must not miss `ready`.
  for (const entry of queue) if (Array.isArray(entry) && (entry[0] === 'on' || entry[0] === 'off')) call(entry);
  return () => {
    for (const entry of queue) if (!(Array.isArray(entry) && (entry[0] === 'on' || entry[0] === 'off'))) call(entry);
  };
}
