import { describe, expect, test } from 'bun:test';
import { TimerGroup, type Clock } from './timer';

/** A clock that only moves when told to. `leaky` also delivers cleared timeouts, like a late event. */
function fakeClock(leaky = false) {
  let now = 0;
  let seq = 0;
  const queue = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock = {
    setTimeout: (fn, ms) => {
      queue.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (handle) => {
      if (!leaky) queue.delete(handle as number);
    },
  };
  const advance = (ms: number): void => {
    const until = now + ms;
    for (;;) {
      const next = [...queue].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      queue.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    now = until;
  };
  return { clock, advance, now: () => now, scheduled: () => queue.size };
}

type Step =
  | ['set', string, number]
  /** A timeout that sets itself again when it fires, `times` times in all. */
  | ['loop', string, number, number]
  | ['clear', string]
  | ['clearAll']
  | ['advance', number];

const cases: [string, Step[], string[], { leaky?: boolean; pending?: string[] }?][] = [
  ['fires once, after its delay', [['set', 'a', 100], ['advance', 99], ['advance', 1], ['advance', 1000]], ['a@100']],
  ['setting a name again replaces the pending timeout', [['set', 'a', 100], ['advance', 50], ['set', 'a', 100], ['advance', 1000]], ['a@150']],
  ['clear cancels', [['set', 'a', 100], ['clear', 'a'], ['advance', 1000]], []],
  ['clearing an unknown or fired name is harmless', [['clear', 'x'], ['set', 'a', 10], ['advance', 10], ['clear', 'a'], ['advance', 100]], ['a@10']],
  ['names are independent', [['set', 'a', 100], ['set', 'b', 50], ['clear', 'a'], ['advance', 1000]], ['b@50']],
  ['several names fire in deadline order', [['set', 'slow', 300], ['set', 'fast', 100], ['set', 'mid', 200], ['advance', 1000]], ['fast@100', 'mid@200', 'slow@300']],
  ['clearAll cancels every name', [['set', 'a', 100], ['set', 'b', 200], ['clearAll'], ['advance', 1000]], []],
  ['the group is usable again after clearAll', [['set', 'a', 100], ['clearAll'], ['set', 'a', 100], ['advance', 100]], ['a@100']],
  ['a timeout may set its own name again', [['loop', 'tick', 100, 3], ['advance', 1000]], ['tick@100', 'tick@200', 'tick@300']],
  ['a replaced timeout that a clock still delivers does not run', [['set', 'a', 100], ['set', 'a', 200], ['advance', 1000]], ['a@200'], { leaky: true }],
  ['a cleared timeout that a clock still delivers does not run', [['set', 'a', 100], ['clear', 'a'], ['advance', 1000]], [], { leaky: true }],
  ['has() names what is still pending', [['set', 'a', 100], ['set', 'b', 300], ['set', 'c', 50], ['clear', 'c'], ['advance', 200]], ['a@100'], { pending: ['b'] }],
];

describe('TimerGroup', () => {
  test.each(cases)('%s', (_name, steps, expected, opts = {}) => {
    const { clock, advance, now } = fakeClock(opts.leaky);
    const timers = new TimerGroup(clock);
    const fired: string[] = [];
    const names = new Set<string>();
    for (const step of steps) {
      if (step[0] === 'set') {
        const [, name, ms] = step;
        names.add(name);
        timers.set(name, ms, () => fired.push(`${name}@${now()}`));
      } else if (step[0] === 'loop') {
        const [, name, ms, times] = step;
        names.add(name);
        let left = times;
        const run = (): void => {
          fired.push(`${name}@${now()}`);
          if (--left > 0) timers.set(name, ms, run);
        };
        timers.set(name, ms, run);
      } else if (step[0] === 'clear') timers.clear(step[1]);
      else if (step[0] === 'clearAll') timers.clearAll();
      else advance(step[1]);
    }
    expect(fired).toEqual(expected);
    expect([...names].filter((n) => timers.has(n))).toEqual(opts.pending ?? []);
  });

  test('clear and clearAll hand the handles back to the clock', () => {
    const { clock, scheduled } = fakeClock();
    const timers = new TimerGroup<'a' | 'b' | 'c'>(clock);
    timers.set('a', 10, () => undefined);
    timers.set('b', 10, () => undefined);
    timers.set('c', 10, () => undefined);
    timers.clear('a');
    expect(scheduled()).toBe(2);
    timers.clearAll();
    expect(scheduled()).toBe(0);
  });
});
