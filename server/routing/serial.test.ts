import { expect, test } from 'bun:test';
import { Coalescer, KeyedSerial } from './serial';

// Simulated asynchronous work: the task gives up the event loop once, so others can interleave.
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

test('KeyedSerial runs tasks of one key one at a time, in order, and survives failures', async () => {
  const serial = new KeyedSerial();
  const log: string[] = [];
  const task = (name: string, fail = false) => async () => {
    log.push(`${name}:start`);
    await tick();
    log.push(`${name}:end`);
    if (fail) throw new Error(name);
    return name;
  };
  const results = await Promise.allSettled([serial.run('a', task('1')), serial.run('a', task('2', true)), serial.run('a', task('3')), serial.run('b', task('x'))]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  const keyA = log.filter((l) => !l.startsWith('x'));
  expect(keyA).toEqual(['1:start', '1:end', '2:start', '2:end', '3:start', '3:end']);
  // Another key does not wait for key a.
  expect(log.indexOf('x:start')).toBeLessThan(log.indexOf('1:end'));
});

test('Coalescer folds a burst of requests into one extra pass', async () => {
  const coalescer = new Coalescer();
  let passes = 0;
  const work = async () => {
    passes++;
    await tick();
  };
  await Promise.all([1, 2, 3, 4, 5].map(() => coalescer.request('team', work)));
  expect(passes).toBe(2);
  await coalescer.request('team', work);
  expect(passes).toBe(3);
});
