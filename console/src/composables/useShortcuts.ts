// Keyboard shortcuts: a component says what each shortcut does while it is mounted
// (`useShortcuts({ nextChat: … })`); one window listener turns key presses into shortcuts
// (shortcutKeys.ts, pure) and calls the most recently mounted handler for it. So the inbox owns
// j / k, the open chat owns c / a / e, the composer owns r, the sheet owns ?.
import { onBeforeUnmount, onMounted, ref } from 'vue';
import { shortcutFor, type ShortcutId } from './shortcutKeys';

export type ShortcutHandlers = Partial<Record<ShortcutId, () => void>>;

const handlers: ShortcutHandlers[] = [];
/** While a modal (the shortcut sheet) is open, only its own shortcut works. */
export const shortcutModalOpen = ref(false);

function inEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

function onKeydown(e: KeyboardEvent) {
  // Handled already (the saved-reply list's keys, a form's Enter).
  if (e.defaultPrevented || e.repeat) return;
  const id = shortcutFor({
    key: e.key,
    altKey: e.altKey,
    ctrlKey: e.ctrlKey,
    metaKey: e.metaKey,
    shiftKey: e.shiftKey,
    isComposing: e.isComposing,
    inEditable: inEditable(e.target),
  });
  if (!id || (shortcutModalOpen.value && id !== 'help')) return;
  for (let i = handlers.length - 1; i >= 0; i--) {
    const run = handlers[i]![id];
    if (run) {
      e.preventDefault();
      run();
      return;
    }
  }
}

export function useShortcuts(own: ShortcutHandlers): void {
  onMounted(() => {
    if (handlers.length === 0) window.addEventListener('keydown', onKeydown);
    handlers.push(own);
  });
  onBeforeUnmount(() => {
    const i = handlers.lastIndexOf(own);
    if (i >= 0) handlers.splice(i, 1);
    if (handlers.length === 0) window.removeEventListener('keydown', onKeydown);
  });
}
