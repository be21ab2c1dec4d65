/**
 * Interleaving mode for tests. Normally every command runs from read to write without yielding,
 * so races a real server allows (two connections' commands overlapping, a multi-document write
 * seen half done) cannot happen here and a racy application passes its concurrency tests by
 * construction. With the mode on, the stand-in yields one event-loop turn before each command and
 * between the documents of multi-document writes, so those races can and do show up.
 *
 * On: `PHOENIX_STANDIN_INTERLEAVE=1` in the environment (every stand-in of the process), or the
 * admin command `{ standinInterleave: true }` (that stand-in only; `false` turns it off).
 * Memory-only stand-ins only: a durable one (with a journal) always runs commands whole.
 */
import type { Handler } from './context.ts';
import type { Store } from './storage.ts';
import { type Doc } from './values.ts';

/** A command run in steps: each `yield` is a point where other commands may run. */
export type Step = Generator<void, Doc, void>;
export type StepHandler = (...args: Parameters<Handler>) => Step;

const perStore = new WeakMap<Store, boolean>();

export function isInterleaving(store: Store): boolean {
  // A durable store journals each command as one record (persistence.ts): never split it there.
  if ((store as { changes?: unknown }).changes !== undefined) return false;
  return perStore.get(store) ?? process.env.PHOENIX_STANDIN_INTERLEAVE === '1';
}

export function setInterleaving(store: Store, on: boolean): void {
  perStore.set(store, on);
}

export function runToEnd(step: Step): Doc {
  for (;;) {
    const r = step.next();
    if (r.done) return r.value;
  }
}

/** setImmediate, not a microtask: socket reads of other connections must get their turn. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runInterleaved(step: Step): Promise<Doc> {
  for (;;) {
    const r = step.next();
    if (r.done) return r.value;
    await nextTurn();
  }
}

/** The synchronous Handler that runs a StepHandler without ever yielding (the default mode). */
export const unstepped =
  (h: StepHandler): Handler =>
  (cmd, ctx) =>
    runToEnd(h(cmd, ctx));

export const standinInterleave: Handler = (cmd, ctx) => {
  const was = isInterleaving(ctx.store);
  setInterleaving(ctx.store, cmd.standinInterleave === true || cmd.standinInterleave === 1);
  return { was, interleave: isInterleaving(ctx.store) };
};
