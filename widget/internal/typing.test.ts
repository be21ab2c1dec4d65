import { describe, expect, test } from 'bun:test';
import { TYPING_IDLE_MS, TYPING_REFRESH_MS, TypingSignal, type Timers } from './typing';

function fakeTimers() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      pending.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance };
}

describe('TypingSignal', () => {
  test.each([
    ['one burst of keys sends a single true, then false when idle', [['k', 0], ['k', 300], ['k', 300], ['wait', TYPING_IDLE_MS]], [true, false]],
    ['long typing refreshes true', [['k', 0], ['k', 2000], ['k', TYPING_REFRESH_MS - 1000], ['wait', TYPING_IDLE_MS]], [true, true, false]],
    ['clearing the draft stops at once', [['k', 0], ['empty', 100]], [true, false]],
    ['sending stops at once, and only once', [['k', 0], ['stop', 10], ['stop', 10], ['wait', TYPING_IDLE_MS]], [true, false]],
    ['no typing, no signal', [['empty', 0], ['stop', 0]], []],
  ] as const)('%s', (_name, steps, expected) => {
    const { timers, advance } = fakeTimers();
    const sent: boolean[] = [];
    const signal = new TypingSignal((t) => sent.push(t), timers);
    for (const [what, ms] of steps) {
      advance(ms);
      if (what === 'k') signal.input(false);
      if (what === 'empty') signal.input(true);
      if (what === 'stop') signal.stop();
    }
    expect(sent).toEqual([...expected]);
  });
});
