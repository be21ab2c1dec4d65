// Browser storage of the console. Everything it keeps there belongs to one user, so every key
// carries the user's id: the next person to sign in on this browser never reads the last one's.
// Keys of older versions (one key for everyone) are never read, and removed when a session ends.

type Area = 'local' | 'session';

export const storageKeys = {
  /** Highest seq read per chat (unread dots and the tab title). */
  readMarks: (userId: string) => `phoenix.readMarks.${userId}`,
  /** "Repeat the sound until I open the chat" (Profile), a preference of this browser. */
  ringRepeat: (userId: string) => `phoenix.ringRepeat.${userId}`,
  /** The demo-mode banner was dismissed (for the browser session). */
  demoBannerDismissed: (userId: string) => `phoenix.demoModeBannerDismissed.${userId}`,
};

export const LEGACY_STORAGE_KEYS: Record<Area, readonly string[]> = {
  local: ['phx.readSeq'],
  session: ['phx.demoModeBannerDismissed'],
};

function area(which: Area): Storage | undefined {
  try {
    return which === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    // Reading the property itself throws when storage is disabled.
    return undefined;
  }
}

export function readJson<T>(which: Area, key: string, fallback: T): T {
  try {
    const raw = area(which)?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function writeJson(which: Area, key: string, value: unknown): void {
  try {
    area(which)?.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or full: the value just does not persist.
  }
}

export function removeLegacyKeys(): void {
  for (const which of ['local', 'session'] as const) {
    for (const key of LEGACY_STORAGE_KEYS[which]) {
      try {
        area(which)?.removeItem(key);
      } catch {
        // Storage disabled: nothing was written either.
      }
    }
  }
}
