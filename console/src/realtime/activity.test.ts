import { expect, test } from 'bun:test';
import { trackActivity } from './activity';

function fakeTarget() {
  const listeners = new Map<string, Set<() => void>>();
  return {
    addEventListener: (name: string, fn: () => void) => void (listeners.get(name) ?? listeners.set(name, new Set()).get(name)!).add(fn),
    removeEventListener: (name: string, fn: () => void) => void listeners.get(name)?.delete(fn),
    fire: (name: string) => listeners.get(name)?.forEach((fn) => fn()),
    count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

test('reports activity at most once per interval, and stops listening when stopped', () => {
  let t = 0;
  const win = fakeTarget();
  const doc = { ...fakeTarget(), visibilityState: 'visible' as DocumentVisibilityState };
  const reports: number[] = [];
  const stop = trackActivity(() => reports.push(t), { everyMs: 1000, now: () => t, target: win as never, doc: doc as never });
  // [time, event, reported so far]
  const steps: [number, string, number[]][] = [
    [10, 'keydown', []], // the connect was the last report
    [999, 'pointerdown', []],
    [1000, 'mousemove', [1000]],
    [1500, 'wheel', [1000]],
    [2100, 'visibilitychange', [1000, 2100]],
    [2200, 'keydown', [1000, 2100]],
  ];
  for (const [at, name, want] of steps) {
    t = at;
    (name === 'visibilitychange' ? doc : win).fire(name);
    expect(reports).toEqual(want);
  }
  stop();
  expect(win.count() + doc.count()).toBe(0);
});
