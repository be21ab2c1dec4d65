import { describe, expect, test } from 'bun:test';
import { linkify, safeHref } from './linkify';

const links = (text: string) => linkify(text).filter((p) => p.href);

describe('linkify', () => {
  test.each([
    ['plain text', 'hello there', [{ text: 'hello there' }]],
    ['empty', '', []],
    ['https link', 'see https://example.com/a?b=1', [{ text: 'see ' }, { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' }]],
    ['trailing period', 'go to http://x.io.', [{ text: 'go to ' }, { text: 'http://x.io', href: 'http://x.io/' }, { text: '.' }]],
    ['www gets https', 'www.phoenix.chat/docs', [{ text: 'www.phoenix.chat/docs', href: 'https://www.phoenix.chat/docs' }]],
    ['email becomes mailto', 'mail ann@example.org!', [{ text: 'mail ' }, { text: 'ann@example.org', href: 'mailto:ann@example.org' }, { text: '!' }]],
    ['explicit mailto', 'mailto:bob@x.com', [{ text: 'mailto:bob@x.com', href: 'mailto:bob@x.com' }]],
    ['markup stays text', '<img src=x onerror=alert(1)>', [{ text: '<img src=x onerror=alert(1)>' }]],
  ])('%s', (_name, input, expected) => {
    expect(linkify(input)).toEqual(expected);
  });

  test.each([
    ['javascript:', 'javascript:alert(1)'],
    ['JavaScript: mixed case', 'JaVaScRiPt:alert(document.cookie)'],
    ['data: URL', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
    ['ftp:', 'ftp://example.com/x'],
    ['javascript with newline trick', 'java\nscript:alert(1)'],
    ['quote cannot break out', 'https://x.com/"onmouseover="alert(1)'],
  ])('refuses %s', (_name, input) => {
    for (const part of links(input)) {
      expect(['http:', 'https:', 'mailto:']).toContain(new URL(part.href!).protocol);
      expect(part.href!).not.toContain('"');
    }
    // The whole input survives as text, character for character.
    expect(linkify(input).map((p) => p.text).join('')).toBe(input);
  });

  test.each([
    ['balanced parentheses kept', 'https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ['closing paren of sentence dropped', '(see https://x.io/a)', 'https://x.io/a'],
    ['several links', 'a http://a.io b https://b.io', 'http://a.io'],
  ])('%s', (_name, input, firstLinkText) => {
    expect(links(input)[0]!.text).toBe(firstLinkText);
  });

  test('text is preserved exactly around links', () => {
    const input = 'one https://a.io/x, two www.b.io; three c@d.io.';
    expect(linkify(input).map((p) => p.text).join('')).toBe(input);
    expect(links(input).map((p) => p.href)).toEqual(['https://a.io/x', 'https://www.b.io/', 'mailto:c@d.io']);
  });
});

describe('safeHref', () => {
  test.each([
    ['https://ok.io', 'https://ok.io/'],
    ['http://ok.io/p', 'http://ok.io/p'],
    ['www.ok.io', 'https://www.ok.io/'],
    ['x@y.io', 'mailto:x@y.io'],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['http://', null],
    ['not a url', null],
  ])('%s → %s', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});
