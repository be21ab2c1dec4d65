// Copy to the clipboard, with the old select-and-copy fallback where the Clipboard API is
// missing or refused (insecure context, no permission).
import { onBeforeUnmount, ref } from 'vue';

export async function copyText(text: string, fallback?: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    fallback.focus();
    fallback.select();
    return document.execCommand('copy');
  }
}

/** A copy action whose `copied` flag reads "Copied ✓" for two seconds. */
export function useCopy() {
  const copied = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  async function copy(text: string, fallback?: HTMLInputElement | HTMLTextAreaElement | null) {
    // Even when both ways fail the text is selected, ready for Ctrl+C.
    await copyText(text, fallback);
    copied.value = true;
    clearTimeout(timer);
    timer = setTimeout(() => (copied.value = false), 2000);
  }
  onBeforeUnmount(() => clearTimeout(timer));
  return { copied, copy };
}
