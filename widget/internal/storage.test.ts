import { afterEach, describe, expect, test } from 'bun:test';
import { outboxKey, patchState, readJson, readState, removeKey, stateKey, writeJson } from './storage';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}
class ThrowingStorage {
  getItem(): string {
    throw new Error('SecurityError');
  }
  setItem(): void {
    throw new Error('QuotaExceededError');
  }
  removeItem(): void {
    throw new Error('SecurityError');
  }
}

const g = globalThis as { localStorage?: unknown; sessionStorage?: unknown };
const original = { local: g.localStorage, session: g.sessionStorage };
afterEach(() => {
  g.localStorage = original.local;
  g.sessionStorage = original.session;
});

describe('storage', () => {
  test('keys are namespaced by organization', () => {
    expect(stateKey('k1')).not.toBe(stateKey('k2'));
    expect(outboxKey('k1')).toContain('k1');
  });

  test('patchState keeps other fields and drops undefined ones', () => {
    g.localStorage = new MemoryStorage();
    patchState('org', { token: 't', chatId: 'c' });
    patchState('org', { lastReadSeq: 4 });
    expect(readState('org')).toEqual({ token: 't', chatId: 'c', lastReadSeq: 4 });
    patchState('org', { chatId: undefined });
    expect(readState('org')).toEqual({ token: 't', lastReadSeq: 4 });
    expect(readState('other-org')).toEqual({});
  });

  test('throwing storage (privacy mode) falls back to memory', () => {
    g.localStorage = new ThrowingStorage();
    writeJson('k', { a: 1 });
    expect(readJson('k')).toEqual({ a: 1 });
    removeKey('k');
    expect(readJson('k')).toBeNull();
  });

  test('garbage in storage reads as nothing', () => {
    const s = new MemoryStorage();
    s.setItem(stateKey('o'), '{not json');
    g.localStorage = s;
    expect(readState('o')).toEqual({});
  });

  test('session and local areas are separate', () => {
    g.localStorage = new MemoryStorage();
    g.sessionStorage = new MemoryStorage();
    writeJson('x', 1, 'session');
    writeJson('x', 2, 'local');
    expect(readJson('x', 'session')).toBe(1);
    expect(readJson('x', 'local')).toBe(2);
  });
});
