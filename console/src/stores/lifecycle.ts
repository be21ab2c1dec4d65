// How a signed-in session ends, in one place. Every exit — sign-out, any 401, a socket the server
// revoked or refused, another user signing in in the same tab — goes through `endSession`, which
// closes the socket, drops the answers still on their way, and puts EVERY Pinia store back to the
// state it was created with, so nothing of one user is left for the next.
//
// "Every store" is kept true by a plugin, not a list: `storeReset` records each store's state the
// moment it is created (setup stores have no `$reset`), including stores added later and the
// feature stores that live in lazy chunks. A store with resources outside its state (timers,
// abort controllers, owners) returns an `afterReset()` action, called once its state is restored.
//
// This module imports no store (the session store imports it), so it finds the session store
// through the same registry.
import { getActivePinia, type Pinia, type PiniaPluginContext } from 'pinia';
import { isReactive, isRef, toRaw, type Ref } from 'vue';
import { dropInFlightRequests, onUnauthenticated } from '../api/http';
import { removeLegacyKeys } from '../lib/storage';
import type { useSessionStore } from './session';

export type RevokeReason = 'logout' | 'password_changed' | 'deactivated' | 'expired';
export type ExitReason =
  /** The user signed out here. */
  | 'logout'
  /** A REST call answered 401: the session expired or was deleted elsewhere. */
  | 'unauthenticated'
  /** The server revoked the session over the socket (`session.revoked`). */
  | `revoked:${RevokeReason}`
  /** The socket was closed with 4401: the cookie no longer opens one. */
  | 'socket-unauthorized'
  /** Someone else signed in in this tab while this user's data was loaded. */
  | 'user-switch';

/** What the login screen says after each exit (null: nothing to explain). */
export const EXIT_TEXT: Record<ExitReason, string | null> = {
  logout: null,
  unauthenticated: 'Your session ended. Sign in again.',
  'revoked:logout': 'You were signed out.',
  'revoked:password_changed': 'Your password was changed. Sign in again.',
  'revoked:deactivated': 'Your account was deactivated.',
  'revoked:expired': 'Your session expired. Sign in again.',
  'socket-unauthorized': 'Your session ended. Sign in again.',
  'user-switch': null,
};

type AnyStore = PiniaPluginContext['store'];
interface Entry {
  store: AnyStore;
  initial: Record<string, unknown>;
}
interface Registry {
  stores: Map<string, Entry>;
  /** The user whose data the stores hold, once signed in. */
  owner: string | null;
}
const registries = new WeakMap<Pinia, Registry>();

function registryOf(pinia: Pinia): Registry {
  let r = registries.get(pinia);
  if (!r) registries.set(pinia, (r = { stores: new Map(), owner: null }));
  return r;
}

const sessionStoreOf = (pinia: Pinia) =>
  registryOf(pinia).stores.get('session')?.store as ReturnType<typeof useSessionStore> | undefined;

function activePinia(pinia?: Pinia): Pinia {
  const p = pinia ?? getActivePinia();
  if (!p) throw new Error('No active Pinia: install it before ending a session.');
  return p;
}

/** A deep copy of plain data (DTOs, arrays, records); refs and proxies are read through. */
export function clonePlain<T>(value: T): T {
  const raw: unknown = isRef(value) ? (value as Ref<unknown>).value : toRaw(value);
  if (Array.isArray(raw)) return raw.map((v: unknown) => clonePlain(v)) as T;
  if (raw instanceof Map) return new Map([...raw].map(([k, v]) => [k, clonePlain(v)])) as T;
  if (raw instanceof Set) return new Set([...raw].map((v) => clonePlain(v))) as T;
  if (raw !== null && typeof raw === 'object' && Object.getPrototypeOf(raw) === Object.prototype) {
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, clonePlain(v)])) as T;
  }
  return raw as T;
}

/**
 * Puts one state property back. A ref gets a new value; a `reactive()` object or array is emptied
 * and refilled in place, because the store's own functions hold that very object.
 */
function restore(state: Record<string, unknown>, key: string, initial: unknown) {
  const current = toRaw(state)[key];
  const fresh = clonePlain(initial);
  if (isRef(current)) {
    current.value = fresh;
    return;
  }
  const live = state[key];
  if (Array.isArray(live) && isReactive(live)) live.splice(0, live.length, ...(fresh as unknown[]));
  else if ((live instanceof Map || live instanceof Set) && isReactive(live)) {
    live.clear();
    if (live instanceof Map) for (const [k, v] of fresh as Map<unknown, unknown>) live.set(k, v);
    else for (const v of fresh as Set<unknown>) live.add(v);
  } else if (live !== null && typeof live === 'object' && isReactive(live)) {
    const target = live as Record<string, unknown>;
    for (const k of Object.keys(target)) delete target[k];
    Object.assign(target, fresh);
  } else state[key] = fresh;
}

/** The Pinia plugin: `pinia.use(storeReset)` before any store is created. */
export function storeReset({ store, pinia }: PiniaPluginContext): void {
  const state = pinia.state.value[store.$id] as Record<string, unknown>;
  registryOf(pinia).stores.set(store.$id, { store, initial: clonePlain(state) });
}

/** The state each known store was created with (what "empty" means), by store id. */
export function initialStates(pinia?: Pinia): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, e] of registryOf(activePinia(pinia)).stores) out[id] = clonePlain(e.initial);
  return out;
}

type Hook = () => void;
const resetHooks = new Set<Hook>();
/**
 * Things outside Pinia that hold a session (the socket, caches): dropped on every reset.
 * Returns the unregister function.
 */
export function onSessionReset(hook: Hook): () => void {
  resetHooks.add(hook);
  return () => resetHooks.delete(hook);
}

/** Empties every store, closes what `onSessionReset` registered, forgets requests in flight. */
export function resetAllStores(pinia?: Pinia): void {
  const p = activePinia(pinia);
  dropInFlightRequests();
  for (const hook of [...resetHooks]) hook();
  for (const { store, initial } of registryOf(p).stores.values()) {
    // A store disposed and created again registers its new instance; skip stale ones.
    if (!p.state.value[store.$id]) continue;
    const state = p.state.value[store.$id] as Record<string, unknown>;
    for (const key of Object.keys(initial)) restore(state, key, initial[key]);
    const after = (store as { afterReset?: unknown }).afterReset;
    if (typeof after === 'function') (after as () => void)();
  }
}

/**
 * The one exit. Resets everything, then leaves the session store signed out with the reason
 * the login screen shows. Navigation stays with the caller (it knows where the user was).
 */
export function endSession(reason: ExitReason, pinia?: Pinia): void {
  const p = activePinia(pinia);
  resetAllStores(p);
  const registry = registryOf(p);
  registry.owner = null;
  sessionStoreOf(p)?.$patch({ status: 'anonymous', endedReason: EXIT_TEXT[reason] });
  removeLegacyKeys();
}

/**
 * Any 401 from the API (expired, deleted elsewhere) ends the session; `leave` then navigates.
 * Returns the unregister function.
 */
export function endSessionOnUnauthenticated(pinia: Pinia, leave: () => void): () => void {
  return onUnauthenticated(() => {
    const session = sessionStoreOf(pinia);
    if (session?.status !== 'authenticated') return;
    endSession('unauthenticated', pinia);
    leave();
  });
}

/**
 * Called by the session store on every sign-in, before it takes the new user: when another
 * user's data is still loaded (a login link or an invitation opened while signed in), that
 * session ends first.
 */
export function claimSession(userId: string, pinia?: Pinia): void {
  const p = activePinia(pinia);
  const registry = registryOf(p);
  if (registry.owner !== null && registry.owner !== userId) endSession('user-switch', p);
  registry.owner = userId;
}
