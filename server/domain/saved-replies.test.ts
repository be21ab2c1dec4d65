import { describe, expect, test } from 'bun:test';
import type { Role } from '../../shared/types/enums';
import { normalizeLabel } from './chat-labels';
import { canManageSavedReply, normalizeReplyText, normalizeShortcut } from './saved-replies';

describe('canManageSavedReply', () => {
  const me = 'u1';
  const cases: [Role, 'shared' | 'personal', string | null, boolean][] = [
    ['owner', 'shared', null, true],
    ['admin', 'shared', null, true],
    ['supervisor', 'shared', null, true],
    ['agent', 'shared', null, false],
    ['agent', 'personal', me, true],
    ['agent', 'personal', 'u2', false],
    ['supervisor', 'personal', 'u2', false],
    ['admin', 'personal', 'u2', false],
    ['owner', 'personal', 'u2', false],
    ['owner', 'personal', me, true],
  ];
  test.each(cases)('%s on a %s reply of %s → %p', (role, scope, ownerId, expected) => {
    expect(canManageSavedReply({ role, userId: me }, { scope, ownerId })).toBe(expected);
  });
});

describe('normalizeShortcut', () => {
  const cases: [string, string | null][] = [
    ['hello', 'hello'],
    [' Hello ', 'hello'],
    ['/thanks', 'thanks'],
    ['refund-policy_2', 'refund-policy_2'],
    ['', null],
    ['   ', null],
    ['two words', null],
    ['-leading', null],
    ['ünïcode', null],
    ['a'.repeat(32), 'a'.repeat(32)],
    ['a'.repeat(33), null],
  ];
  test.each(cases)('%p → %p', (raw, expected) => {
    const r = normalizeShortcut(raw);
    expect(r.ok ? r.value : null).toBe(expected);
  });
});

describe('normalizeReplyText', () => {
  const cases: [string, string | null][] = [
    ['Hi {contact.name}!', 'Hi {contact.name}!'],
    ['  line one\r\nline two  ', 'line one\nline two'],
    ['tab\there', 'tab\there'],
    ['', null],
    ['   \n ', null],
    ['nul\u0000', null],
    ['x'.repeat(5000), 'x'.repeat(5000)],
    ['x'.repeat(5001), null],
  ];
  test.each(cases)('%p → %p', (raw, expected) => {
    const r = normalizeReplyText(raw);
    expect(r.ok ? r.value : null).toBe(expected);
  });
});

describe('normalizeLabel', () => {
  const cases: [string, string | null][] = [
    ['Billing', 'billing'],
    ['  VIP  customer ', 'vip customer'],
    ['bug', 'bug'],
    ['', null],
    ['  ', null],
    ['a/b', null],
    ['tab\tin', 'tab in'],
    ['bell\u0007', null],
    ['x'.repeat(32), 'x'.repeat(32)],
    ['x'.repeat(33), null],
  ];
  test.each(cases)('%p → %p', (raw, expected) => {
    const r = normalizeLabel(raw);
    expect(r.ok ? r.value : null).toBe(expected);
  });
});
