import { expect, test } from 'bun:test';
import { API_KEY_SCOPES, scopeForPath, scopesOf } from './api-scopes';

test.each([
  ['/api/v1/chats', 'chats'],
  ['/api/v1/chats/abc/messages', 'chats'],
  ['/api/v1/chats/', 'chats'],
  ['/api/v1/files/abc', 'chats'],
  ['/api/v1/contacts', 'contacts'],
  ['/api/v1/contacts/abc/fields/plan', 'contacts'],
  ['/api/v1/teams', 'members'],
  ['/api/v1/members', 'members'],
  ['/api/v1/invitations', 'members'],
  ['/api/v1/login-links', 'login-links'],
  ['/api/v1/chatsx', null],
  ['/api/v1/unknown', null],
  ['/api/v1', null],
] as const)('%s needs %s', (path, scope) => {
  expect(scopeForPath(path)).toBe(scope);
});

test('stored scopes: absent means all; unknown names are ignored; canonical order', () => {
  expect(scopesOf({})).toEqual([...API_KEY_SCOPES]);
  expect(scopesOf({ scopes: null })).toEqual([...API_KEY_SCOPES]);
  expect(scopesOf({ scopes: [] })).toEqual([]);
  expect(scopesOf({ scopes: ['login-links', 'bogus', 'chats'] })).toEqual(['chats', 'login-links']);
});
