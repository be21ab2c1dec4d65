import { describe, expect, test } from 'bun:test';
import { safeColor, safePosition, textOn } from './theme';

describe('theme', () => {
  test.each([
    ['#2563eb', '#2563eb'],
    ['  #FFF ', '#FFF'],
    ['rgb(10, 20, 30)', 'rgb(10, 20, 30)'],
    ['hsl(200 50% 40%)', 'hsl(200 50% 40%)'],
    ['red; background:url(https://evil)', null],
    ['#12345', null],
    ['expression(alert(1))', null],
    ['var(--x)', null],
    [42, null],
  ])('safeColor(%p) = %p', (input, expected) => expect(safeColor(input)).toBe(expected));

  test.each([
    ['#000000', '#fff'],
    ['#2563eb', '#fff'],
    ['#ffffff', '#111'],
    ['#ffeb3b', '#111'],
    ['rgb(0,0,0)', '#fff'],
  ])('textOn(%s) = %s', (color, expected) => expect(textOn(color)).toBe(expected));

  test.each([
    ['left', 'left'],
    ['right', 'right'],
    ['center', 'right'],
    [undefined, 'right'],
  ])('safePosition(%p)', (input, expected) => expect(safePosition(input)).toBe(expected as 'left' | 'right'));
});
