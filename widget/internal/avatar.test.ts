import { describe, expect, test } from 'bun:test';
import { avatarHue, initials } from './avatar';

describe('initials', () => {
  const cases: [string | null, string][] = [
    ['Jonas Berg', 'JB'],
    ['cara', 'C'],
    ['  Ana  María  López ', 'AL'],
    ['Émile Zola', 'ÉZ'],
    ['(Jonas) Berg', 'JB'],
    ['—', '?'],
    ['', '?'],
    [null, '?'],
    ['李 小龙', '李小'],
  ];
  for (const [name, want] of cases) test(`${JSON.stringify(name)} → ${want}`, () => expect(initials(name)).toBe(want));
});

describe('avatarHue', () => {
  test('stable for one name, within 0–359, differs between names', () => {
    expect(avatarHue('Jonas')).toBe(avatarHue('Jonas'));
    for (const n of ['Jonas', 'Cara', '', null]) expect(avatarHue(n)).toBeGreaterThanOrEqual(0), expect(avatarHue(n)).toBeLessThan(360);
    expect(avatarHue('Jonas')).not.toBe(avatarHue('Cara'));
  });
});
