import { describe, expect, test } from 'bun:test';
import { parseInline, parseLightMarkup, type Span } from './light-markup';

const b = (text: string): Span => ({ text, bold: true });
const i = (text: string): Span => ({ text, italic: true });
const t = (text: string): Span => ({ text });

describe('parseInline', () => {
  const cases: [string, Span[]][] = [
    ['plain text', [t('plain text')]],
    ['*bold*', [b('bold')]],
    ['**bold**', [b('bold')]],
    ['_italics_', [i('italics')]],
    ['say *hi* now', [t('say '), b('hi'), t(' now')]],
    ['(*bold*), _it_.', [t('('), b('bold'), t('), '), i('it'), t('.')]],
    ['2*3*4', [t('2*3*4')]],
    ['snake_case_name', [t('snake_case_name')]],
    ['a * b * c', [t('a * b * c')]],
    ['*unclosed', [t('*unclosed')]],
    ['**unclosed *', [t('**unclosed *')]],
    ['_a_b', [t('_a_b')]],
    ['**', [t('**')]],
    ['* *', [t('* *')]],
    ['**bold *and* more**', [b('bold '), b('and'), b(' more')]],
    ['_it *b* it_', [i('it '), { text: 'b', bold: true, italic: true }, i(' it')]],
    ['*across\nlines*', [t('*across\nlines*')]],
    ['<script>alert(1)</script>', [t('<script>alert(1)</script>')]],
    ['*<b>x</b>*', [b('<b>x</b>')]],
    ['see https://x.com/_a_/b_c_ ok', [t('see https://x.com/_a_/b_c_ ok')]],
    ['mail_me@x.org', [t('mail_me@x.org')]],
    ['5 * 3 = 15, *really*', [t('5 * 3 = 15, '), b('really')]],
  ];
  for (const [input, want] of cases) test(JSON.stringify(input), () => expect(parseInline(input)).toEqual(want));
});

describe('parseLightMarkup', () => {
  test('a paragraph keeps its line breaks', () => {
    expect(parseLightMarkup('one\ntwo')).toEqual([{ kind: 'text', spans: [t('one\ntwo')] }]);
  });
  test('bullets and numbers, with text around', () => {
    expect(parseLightMarkup('Steps:\n1. Open *Settings*\n2. Pick _Billing_\nThen:\n- done\n- ok')).toEqual([
      { kind: 'text', spans: [t('Steps:')] },
      { kind: 'list', ordered: true, start: 1, items: [[t('Open '), b('Settings')], [t('Pick '), i('Billing')]] },
      { kind: 'text', spans: [t('Then:')] },
      { kind: 'list', ordered: false, start: 1, items: [[t('done')], [t('ok')]] },
    ]);
  });
  test('a numbered list keeps its first number', () => {
    expect(parseLightMarkup('3. c\n4. d')).toEqual([{ kind: 'list', ordered: true, start: 3, items: [[t('c')], [t('d')]] }]);
  });
  const notLists = ['-5 degrees', '2.5 kg', '1.no space', '--', '*not a bullet*'];
  for (const s of notLists) test(`not a list: ${JSON.stringify(s)}`, () => expect(parseLightMarkup(s)[0]!.kind).toBe('text'));
  test('empty text is one empty paragraph-less result', () => {
    expect(parseLightMarkup('')).toEqual([{ kind: 'text', spans: [] }]);
  });
});
