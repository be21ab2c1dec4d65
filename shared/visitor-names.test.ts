import { describe, expect, test } from 'bun:test';
import { VISITOR_COLORS, visitorIdentity, visitorName } from './visitor-names';

describe('visitorIdentity', () => {
  // [contact id, name] — fixed, so a change to the word lists or the hash shows up here.
  const cases: [string, string, string][] = [
    ['6b114ae6fd3595e77456aaeb', 'Ruby Panda', '#b45309'],
    ['000000000000000000000000', 'Clever Fox', '#0f766e'],
    ['6b114b17a76de1ac0852fcf8', 'Cosy Deer', '#047857'],
  ];
  for (const [id, name, color] of cases) test(`${id} → ${name}`, () => expect(visitorIdentity(id)).toEqual({ name, color }));

  test('deterministic: the same id always gives the same name and colour', () => {
    for (const id of ['a', '6b114ae6fd3595e77456aaeb', 'ffffffffffffffffffffffff']) expect(visitorIdentity(id)).toEqual(visitorIdentity(id));
  });

  test('two words, each capitalised; the colour is from the palette', () => {
    for (let i = 0; i < 200; i++) {
      const { name, color } = visitorIdentity(`6b114ae6fd3595e7745${i.toString(16).padStart(5, '0')}`);
      expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
      expect(VISITOR_COLORS).toContain(color as (typeof VISITOR_COLORS)[number]);
    }
  });

  test('neighbouring ObjectIds (created one after another) mostly get different names', () => {
    const names = new Set<string>();
    for (let i = 0; i < 100; i++) names.add(visitorName(`6b114ae6fd3595e77456${(0xaa00 + i).toString(16)}`));
    expect(names.size).toBeGreaterThan(90);
  });
});
