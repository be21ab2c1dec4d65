import { expect, test } from 'bun:test';
import { OFFLINE_TEXT, RECONNECTING_TEXT, connectionNotice } from './connection';
import type { SocketStatus } from './socket';

const cases: [SocketStatus, boolean, number, string | null][] = [
  ['open', true, 0, null],
  ['connecting', true, 0, null],
  ['connecting', true, 2, RECONNECTING_TEXT],
  ['reconnecting', true, 1, RECONNECTING_TEXT],
  ['reconnecting', false, 1, OFFLINE_TEXT],
  ['open', false, 0, OFFLINE_TEXT],
  ['closed', false, 0, null],
  ['unauthorized', true, 3, null],
  ['idle', true, 0, null],
];

test.each(cases)('%s, browser online %p, %d failed attempts', (status, online, failed, want) => {
  expect(connectionNotice(status, online, failed)?.text ?? null).toBe(want);
});
