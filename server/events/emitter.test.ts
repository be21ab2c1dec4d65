import { expect, test } from 'bun:test';
import { createEmitter } from './emitter';

type Events = { ping: { n: number }; pong: { text: string } };

test('listeners run in subscription order and emit waits for every one', async () => {
  const events = createEmitter<Events>();
  const seen: string[] = [];
  events.on('ping', async ({ n }) => {
    await Promise.resolve();
    seen.push(`a${n}`);
  });
  events.on('ping', ({ n }) => void seen.push(`b${n}`));
  events.on('pong', ({ text }) => void seen.push(text));
  await events.emit('ping', { n: 1 });
  expect(seen).toEqual(['a1', 'b1']);
  await events.emit('pong', { text: 'x' });
  expect(seen).toEqual(['a1', 'b1', 'x']);
});

test('an unsubscribed listener no longer runs; a failing listener fails the emit', async () => {
  const events = createEmitter<Events>();
  let calls = 0;
  const off = events.on('ping', () => void calls++);
  await events.emit('ping', { n: 1 });
  off();
  await events.emit('ping', { n: 2 });
  expect(calls).toBe(1);
  events.on('pong', () => {
    throw new Error('boom');
  });
  expect(events.emit('pong', { text: 'x' })).rejects.toThrow('boom');
});
