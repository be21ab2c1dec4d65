// Read receipts from the console (issue 17.5): the agent has read a message when the chat is open,
// the tab is visible (document.visibilityState) and the message is on screen. The highest such
// seq is reported with a `read` frame each time it grows; the server stores it monotonically and
// coalesces the writes, so reporting every newly seen message is cheap.
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue';

/** Watches `[data-seq]` elements under `root`; `report(seq)` whenever the highest visible one grows. */
export function useReadReceipts(root: Ref<HTMLElement | null>, report: (seq: number) => void, enabled: () => boolean = () => true) {
  const visible = new Set<number>();
  let sent = 0;
  let io: IntersectionObserver | null = null;
  let mo: MutationObserver | null = null;

  const flush = () => {
    if (document.visibilityState !== 'visible' || !enabled() || visible.size === 0) return;
    const top = Math.max(...visible);
    if (top <= sent) return;
    sent = top;
    report(top);
  };

  const observeAll = () => {
    root.value?.querySelectorAll<HTMLElement>('[data-seq]').forEach((el) => io?.observe(el));
  };

  onMounted(() => {
    if (typeof IntersectionObserver === 'undefined') return;
    io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const seq = Number((e.target as HTMLElement).dataset.seq);
        if (!Number.isFinite(seq)) continue;
        if (e.isIntersecting) visible.add(seq);
        else visible.delete(seq);
      }
      flush();
    });
    // New messages (and the list itself, once history loads) are observed as they appear; the
    // root itself appears only once the chat has loaded.
    mo = new MutationObserver(observeAll);
    watch(
      root,
      (el) => {
        mo?.disconnect();
        if (el) mo?.observe(el, { childList: true, subtree: true });
        observeAll();
      },
      { immediate: true },
    );
    document.addEventListener('visibilitychange', flush);
  });
  onBeforeUnmount(() => {
    io?.disconnect();
    mo?.disconnect();
    document.removeEventListener('visibilitychange', flush);
  });
  /** Call when `enabled()` may have turned true. */
  return { flush };
}
