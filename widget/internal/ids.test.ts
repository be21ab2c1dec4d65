import { describe, expect, test } from 'bun:test';
import { createEmitter } from './emitter';
import { newClientId } from './ids';

describe('newClientId', () => {
  test('uses randomUUID when available', () => {
    expect(newClientId({ randomUUID: () => 'uuid-1', getRandomValues: <T,>(a: T) => a } as unknown as Crypto)).toBe('uuid-1');
  });
  test.each([
    ['missing (insecure context)', undefined],
    ['throwing', () => {
      throw new Error('insecure');
    }],
  ])('falls back to 32 hex chars when randomUUID is %s', (_n, randomUUID) => {
    const id = newClientId({ randomUUID, getRandomValues: <T,>(a: T) => crypto.getRandomValues(a as unknown as Uint8Array) as unknown as T } as unknown as Crypto);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
  test('ids are unique and fit the protocol (≤ 64 chars)', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newClientId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(64);
  });
});

describe('emitter', () => {
  test('on/off/unsubscribe, and a throwing listener does not stop the others', () => {
    const e = createEmitter();
    const got: unknown[] = [];
    const off = e.on('x', (d) => got.push(d));
    e.on('x', () => {
      throw new Error('host page bug');
    });
    const orig = globalThis.setTimeout;
    globalThis.setTimeout = ((_fn: () => void) => 0) as unknown as typeof setTimeout; // swallow the rethrow
    try {
      e.emit('x', 1);
      off();
      // The throwing listener is still there: its rethrow must be swallowed here too.
      e.emit('x', 2);
    } finally {
      globalThis.setTimeout = orig;
    }
    expect(got).toEqual([1]);
  });
});
