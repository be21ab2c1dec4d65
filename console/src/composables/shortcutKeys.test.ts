import { describe, expect, test } from 'bun:test';
import { shortcutFor, type KeyPress, type ShortcutId } from './shortcutKeys';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, inEditable: false, ...mods,
});

describe('shortcutFor', () => {
  const cases: [string, KeyPress, ShortcutId | null][] = [
    ['j', press('j'), 'nextChat'],
    ['k', press('k'), 'prevChat'],
    ['Alt+↓', press('ArrowDown', { altKey: true }), 'nextChat'],
    ['Alt+↑', press('ArrowUp', { altKey: true }), 'prevChat'],
    ['c', press('c'), 'claim'],
    ['a', press('a'), 'assign'],
    ['e', press('e'), 'end'],
    ['r', press('r'), 'focusComposer'],
    ['? (with Shift)', press('?', { shiftKey: true }), 'help'],
    ['? (layout without Shift)', press('?'), 'help'],
    // Typing in a field: letters are text, never shortcuts.
    ['j while typing', press('j', { inEditable: true }), null],
    ['c while typing', press('c', { inEditable: true }), null],
    ['? while typing', press('?', { shiftKey: true, inEditable: true }), null],
    ['r while typing', press('r', { inEditable: true }), null],
    // …but Alt+arrows type nothing: they work from the message box.
    ['Alt+↓ while typing', press('ArrowDown', { altKey: true, inEditable: true }), 'nextChat'],
    ['Alt+↑ while typing', press('ArrowUp', { altKey: true, inEditable: true }), 'prevChat'],
    // Modifiers belong to the browser and the system.
    ['Ctrl+j', press('j', { ctrlKey: true }), null],
    ['⌘+k', press('k', { metaKey: true }), null],
    ['Ctrl+Alt+↓', press('ArrowDown', { altKey: true, ctrlKey: true }), null],
    ['Alt+Shift+↓', press('ArrowDown', { altKey: true, shiftKey: true }), null],
    ['Alt+j', press('j', { altKey: true }), null],
    ['Shift+J', press('J', { shiftKey: true }), null],
    ['Shift+c', press('C', { shiftKey: true }), null],
    // Plain arrows scroll; other keys mean nothing.
    ['↓', press('ArrowDown'), null],
    ['x', press('x'), null],
    ['Enter', press('Enter'), null],
    ['Escape', press('Escape'), null],
    ['composing j', press('j', { isComposing: true }), null],
  ];
  test.each(cases)('%s', (_name, input, expected) => {
    expect(shortcutFor(input)).toBe(expected);
  });
});
