import { describe, expect, test } from 'bun:test';
import type { SavedReplyDto } from '../../../../shared/contract/saved-replies';
import { fillPlaceholders, insertAt, matchReplies, slashQuery } from './replies';

describe('slashQuery', () => {
  const cases: [string, number | null, { start: number; query: string } | null][] = [
    ['/', null, { start: 0, query: '' }],
    ['/hel', null, { start: 0, query: 'hel' }],
    ['Hi /th', null, { start: 3, query: 'th' }],
    ['line\n/x', null, { start: 5, query: 'x' }],
    ['a/b', null, null],
    ['http://x', null, null],
    ['/hello there', null, null],
    ['/hello there', 3, { start: 0, query: 'he' }],
    ['', null, null],
    ['no slash', null, null],
  ];
  test.each(cases)('%p at %p → %p', (text, caret, expected) => {
    expect(slashQuery(text, caret ?? text.length)).toEqual(expected);
  });
});

const reply = (shortcut: string, text: string, scope: 'shared' | 'personal' = 'shared'): SavedReplyDto => ({
  id: `${scope}-${shortcut}`, scope, ownerId: scope === 'personal' ? 'me' : null, shortcut, text, canEdit: false, createdAt: '', updatedAt: '',
});

describe('matchReplies', () => {
  const all = [reply('thanks', 'Thank you!'), reply('hello', 'Hi {contact.name}'), reply('refund', 'About your refund'), reply('hello', 'My hi', 'personal'), reply('othanks', 'x')];
  const cases: [string, string[]][] = [
    ['', ['personal-hello', 'shared-hello', 'shared-othanks', 'shared-refund', 'shared-thanks']],
    ['he', ['personal-hello', 'shared-hello']],
    ['THA', ['shared-thanks', 'shared-othanks']],
    ['your', ['shared-refund']],
    ['zzz', []],
  ];
  test.each(cases)('%p → %p', (q, ids) => {
    expect(matchReplies(all, q).map((r) => r.id)).toEqual(ids);
  });
  test('at most `limit`', () => expect(matchReplies(all, '', 2)).toHaveLength(2));
});

describe('fillPlaceholders', () => {
  const values = { contactName: 'Ada', agentName: 'Cara Agent', orgName: 'Ridgeline' };
  const cases: [string, Partial<typeof values>, string][] = [
    ['Hi {contact.name}, {agent.name} from {org.name} here.', {}, 'Hi Ada, Cara Agent from Ridgeline here.'],
    ['Hi {contact.name}!', { contactName: null as unknown as string }, 'Hi there!'],
    ['Hi {contact.name}!', { contactName: '   ' }, 'Hi there!'],
    ['{ Contact.Name } and {AGENT.NAME}', {}, 'Ada and Cara Agent'],
    ['{unknown.key} and {contact}', {}, '{unknown.key} and {contact}'],
    ['{contact.name}{contact.name}', {}, 'AdaAda'],
    ['No placeholders', {}, 'No placeholders'],
    ['From {org.name}', { orgName: null as unknown as string }, 'From our team'],
  ];
  test.each(cases)('%p with %p → %p', (text, override, expected) => {
    expect(fillPlaceholders(text, { ...values, ...override })).toBe(expected);
  });
});

describe('insertAt', () => {
  test('replaces the /query and puts the caret after the insert', () => {
    expect(insertAt('Hi /th more', 3, 6, 'Thanks!')).toEqual({ text: 'Hi Thanks! more', caret: 10 });
    expect(insertAt('/x', 0, 2, 'Hello')).toEqual({ text: 'Hello', caret: 5 });
  });
});
