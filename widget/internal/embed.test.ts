import { describe, expect, test } from 'bun:test';
import { apiUrl, resolveServerPath, serverBase, socketUrl } from './embed';

describe('serverBase', () => {
  test.each([
    ['from the script src', null, 'https://chat.example.com/widget.js', 'https://chat.example.com/'],
    ['script under a path prefix', null, 'https://x.io/phoenix/widget.js?v=2', 'https://x.io/phoenix/'],
    ['explicit server wins', 'https://api.example.com', 'https://cdn.example.com/widget.js', 'https://api.example.com/'],
    ['explicit with path', 'https://x.io/chat', null, 'https://x.io/chat/'],
    ['bad explicit falls back', 'javascript:alert(1)', 'https://ok.io/widget.js', 'https://ok.io/'],
    ['relative explicit falls back', '/api', 'http://localhost:3000/widget.js', 'http://localhost:3000/'],
    ['nothing usable', null, null, null],
  ])('%s', (_name, explicit, src, expected) => {
    expect(serverBase(explicit, src)).toBe(expected);
  });
});

describe('urls', () => {
  test.each([
    ['https://x.io/', 'wss://x.io/ws/visitor'],
    ['http://localhost:3000/', 'ws://localhost:3000/ws/visitor'],
    ['https://x.io/p/', 'wss://x.io/p/ws/visitor'],
  ])('socketUrl(%s)', (base, expected) => expect(socketUrl(base)).toBe(expected));

  test('apiUrl skips empty query values and encodes the rest', () => {
    expect(apiUrl('https://x.io/', 'api/widget/config', { org: 'k&1', team: null, x: '' })).toBe('https://x.io/api/widget/config?org=k%261');
    expect(apiUrl('https://x.io/p/', '/api/widget/chats')).toBe('https://x.io/p/api/widget/chats');
  });

  test.each([
    ['/api/widget/files/1', 'https://x.io/api/widget/files/1'],
    ['api/widget/files/1', 'https://x.io/api/widget/files/1'],
    ['https://evil.io/steal', null],
    ['//evil.io/steal', 'https://x.io/evil.io/steal'],
  ])('resolveServerPath(%s) keeps the token on our server', (path, expected) => {
    expect(resolveServerPath('https://x.io/', path)).toBe(expected);
  });
});
