import { describe, expect, test } from 'bun:test';
import { linkify, type Segment } from './linkify';

const t = (text: string): Segment => ({ kind: 'text', text });
const l = (text: string, href = text): Segment => ({ kind: 'link', text, href });

describe('linkify', () => {
  const cases: [string, Segment[]][] = [
    ['', []],
    ['plain text', [t('plain text')]],
    ['see https://example.com/a?b=1', [t('see '), l('https://example.com/a?b=1')]],
    ['http://x.org.', [l('http://x.org'), t('.')]],
    ['(https://example.com)', [t('('), l('https://example.com'), t(')')]],
    ['https://en.wikipedia.org/wiki/Foo_(bar)', [l('https://en.wikipedia.org/wiki/Foo_(bar)')]],
    ['mail me: a.b@example.com!', [t('mail me: '), l('a.b@example.com', 'mailto:a.b@example.com'), t('!')]],
    ['mailto:x@y.io', [l('mailto:x@y.io')]],
    ['www.example.com', [l('www.example.com', 'https://www.example.com')]],
    ['javascript:alert(1)', [t('javascript:alert(1)')]],
    ['data:text/html,<b>x</b>', [t('data:text/html,<b>x</b>')]],
    ['<script>alert(1)</script>', [t('<script>alert(1)</script>')]],
    ['ftp://files.example.com', [t('ftp://files.example.com')]],
    ['two https://a.io and https://b.io', [t('two '), l('https://a.io'), t(' and '), l('https://b.io')]],
    ['line\nhttps://a.io\nnext', [t('line\n'), l('https://a.io'), t('\nnext')]],
  ];
  test.each(cases)('%p', (input, expected) => {
    expect(linkify(input)).toEqual(expected);
  });

  test('never produces a non-http(s)/mailto href', () => {
    const inputs = ['JaVaScRiPt:alert(1)', 'vbscript:x', 'https://ok.io javascript://evil.com', 'file:///etc/passwd'];
    for (const i of inputs) {
      for (const s of linkify(i)) if (s.kind === 'link') expect(s.href).toMatch(/^(https?:|mailto:)/i);
    }
  });

  test('text round-trips', () => {
    const input = 'Hi (see https://x.io/a), or mail a@b.co. www.z.com!';
    expect(linkify(input).map((s) => s.text).join('')).toBe(input);
  });
});
