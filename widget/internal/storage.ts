// What the widget remembers, namespaced by organization key so two organizations' widgets on
// the same site (or a staging and a production key) never share a visitor.
// - localStorage: visitor token, current chat and read marker, shared by every tab so a reload
//   or a second tab shows the same chat;
// - sessionStorage: this tab's unsent messages, so a reload does not lose them.
// Storage can be missing or throw (privacy modes, sandboxed iframes, quota), so every access
// is guarded and falls back to memory: the widget then still works for the life of the page.

export interface VisitorState {
  token?: string;
  chatId?: string;
  /** The stored chat has ended: nothing to resume in the background. */
  ended?: boolean;
  lastReadSeq?: number;
}

export const stateKey = (org: string): string => `phoenix-chat:${org}`;
export const outboxKey = (org: string): string => `phoenix-chat:${org}:outbox`;
export const configKey = (org: string, team?: string | null): string => `phoenix-chat:${org}:config:${team ?? ''}`;

const memory = new Map<string, string>();

function area(kind: 'local' | 'session'): Storage | null {
  try {
    const s = kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

export function readJson<T>(key: string, kind: 'local' | 'session' = 'local'): T | null {
  let raw: string | null | undefined;
  try {
    raw = area(kind)?.getItem(key);
  } catch {
    raw = undefined;
  }
  if (raw == null) raw = memory.get(`${kind}:${key}`) ?? null;
  if (raw == null) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function writeJson(key: string, value: unknown, kind: 'local' | 'session' = 'local'): void {
  const raw = JSON.stringify(value);
  memory.set(`${kind}:${key}`, raw);
  try {
    area(kind)?.setItem(key, raw);
  } catch {
    // Quota or privacy mode: memory keeps it for this page.
  }
}

export function removeKey(key: string, kind: 'local' | 'session' = 'local'): void {
  memory.delete(`${kind}:${key}`);
  try {
    area(kind)?.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

export function readState(org: string): VisitorState {
  const s = readJson<VisitorState>(stateKey(org));
  return s && typeof s === 'object' ? s : {};
}

/** Read-modify-write, so a patch from one part of the widget keeps the other fields. */
export function patchState(org: string, patch: Partial<VisitorState>): VisitorState {
  const next = { ...readState(org), ...patch };
  for (const k of Object.keys(next) as (keyof VisitorState)[]) if (next[k] === undefined) delete next[k];
  writeJson(stateKey(org), next);
  return next;
}
