import { expect, test } from 'bun:test';
import { createSerialQueue } from './serial-queue';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

test('one key runs its tasks one after another, in order; other keys do not wait for it', async () => {
  const q = createSerialQueue(() => undefined);
  const seen: string[] = [];
  const gate = deferred();
  void q.run('chat:a', async () => {
    await gate.promise;
    seen.push('a1');
  });
  void q.run('chat:a', () => Promise.resolve(void seen.push('a2')));
  await q.run('chat:b', () => Promise.resolve(void seen.push('b1')));
  expect(seen).toEqual(['b1']);
  gate.resolve();
  await q.idle();
  expect(seen).toEqual(['b1', 'a1', 'a2']);
});

test('a failing task is reported and does not stop the key’s later tasks', async () => {
  const errors: string[] = [];
  const q = createSerialQueue((err, key) => errors.push(`${key}: ${(err as Error).message}`));
  const seen: number[] = [];
  void q.run('k', () => Promise.reject(new Error('boom')));
  await q.run('k', () => Promise.resolve(void seen.push(2)));
  expect(errors).toEqual(['k: boom']);
  expect(seen).toEqual([2]);
});
