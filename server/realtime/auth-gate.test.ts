import { expect, test } from 'bun:test';
import { AuthGate } from './auth-gate';

test('runs at most `max` tasks at once, every task in turn, failures included', async () => {
  const gate = new AuthGate(2);
  let running = 0;
  let peak = 0;
  const release: (() => void)[] = [];
  const task = (fail: boolean) => () =>
    new Promise<number>((resolve, reject) => {
      running++;
      peak = Math.max(peak, running);
      release.push(() => {
        running--;
        if (fail) reject(new Error('no'));
        else resolve(1);
      });
    });
  const results = [task(false), task(true), task(false), task(false), task(false)].map((t) => gate.run(t).catch(() => 0));
  // Let the first ones start, then finish them one by one; each finish lets exactly one more in.
  for (let done = 0; done < 5; done++) {
    while (release.length === 0) await Promise.resolve();
    expect(running).toBeLessThanOrEqual(2);
    release.shift()!();
    await Promise.resolve();
  }
  expect(await Promise.all(results)).toEqual([1, 0, 1, 1, 1]);
  expect(peak).toBe(2);
  expect(gate.inFlight).toBe(0);
});
