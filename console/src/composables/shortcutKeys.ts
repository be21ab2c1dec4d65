// The console's keyboard shortcuts as a pure mapping from a key press to what it means, so the
// rules (never while typing, except the ones that type nothing) are tested with a table of cases
// and without a DOM. useShortcuts.ts wires it to the window.

export type ShortcutId = 'nextChat' | 'prevChat' | 'claim' | 'assign' | 'end' | 'focusComposer' | 'help';

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** An IME composition is under way: the key belongs to it. */
  isComposing: boolean;
  /** The focus is in a text field (input, textarea, select, contenteditable). */
  inEditable: boolean;
}

/** What the "?" sheet lists, in its order. `keys` are shown as written. */
export const SHORTCUT_SHEET: readonly { id: ShortcutId | 'savedReplies' | 'leaveComposer'; keys: string[]; what: string }[] = [
  { id: 'nextChat', keys: ['j', 'Alt + ↓'], what: 'Next chat in the list' },
  { id: 'prevChat', keys: ['k', 'Alt + ↑'], what: 'Previous chat in the list' },
  { id: 'claim', keys: ['c'], what: 'Claim the open chat' },
  { id: 'assign', keys: ['a'], what: 'Assign the open chat' },
  { id: 'end', keys: ['e'], what: 'End the open chat' },
  { id: 'focusComposer', keys: ['r'], what: 'Reply: put the cursor in the message box' },
  { id: 'savedReplies', keys: ['/'], what: 'In the message box: insert a saved reply' },
  { id: 'leaveComposer', keys: ['Esc'], what: 'Leave the message box' },
  { id: 'help', keys: ['?'], what: 'Show this list' },
];

const PLAIN: Readonly<Record<string, ShortcutId>> = { j: 'nextChat', k: 'prevChat', c: 'claim', a: 'assign', e: 'end', r: 'focusComposer', '?': 'help' };

export function shortcutFor(press: KeyPress): ShortcutId | null {
  if (press.isComposing) return null;
  // Ctrl and ⌘ combinations are the browser's and the system's (copy, reload, find…).
  if (press.ctrlKey || press.metaKey) return null;
  if (press.altKey) {
    // Alt + ↑/↓ types nothing, so it works from the message box too: answer, then move on.
    if (press.shiftKey) return null;
    if (press.key === 'ArrowDown') return 'nextChat';
    if (press.key === 'ArrowUp') return 'prevChat';
    return null;
  }
  // Single keys are letters someone may be typing: never inside a text field.
  if (press.inEditable) return null;
  // "?" needs Shift on most layouts; letters with Shift are not shortcuts (J is not j).
  if (press.key !== '?' && press.shiftKey) return null;
  return PLAIN[press.key] ?? null;
}
