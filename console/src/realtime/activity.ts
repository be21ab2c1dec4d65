// "The agent is using the console": reported to the server at most once per `everyMs` while they
// click, type, scroll or come back to the tab, so the server can tell an idle agent (away after
// PRESENCE_AWAY_AFTER_MS) from an active one. Connecting counts as activity on the server side.
const EVENTS = ['pointerdown', 'keydown', 'wheel', 'mousemove', 'focus'] as const;

export interface ActivityOptions {
  everyMs?: number;
  now?: () => number;
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  doc?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
}

/** Calls `report` on activity, throttled; returns the stop function. */
export function trackActivity(report: () => void, opts: ActivityOptions = {}): () => void {
  const everyMs = opts.everyMs ?? 60_000;
  const now = opts.now ?? Date.now;
  // Outside a browser (unit tests of the stores) there is nothing to listen to.
  const target = opts.target ?? (typeof window === 'undefined' ? null : window);
  const doc = opts.doc ?? (typeof document === 'undefined' ? null : document);
  if (!target || !doc) return () => {};
  // The connect itself was the last report.
  let last = now();
  const onActivity = () => {
    const t = now();
    if (t - last < everyMs) return;
    last = t;
    report();
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') onActivity();
  };
  for (const name of EVENTS) target.addEventListener(name, onActivity, { passive: true });
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    for (const name of EVENTS) target.removeEventListener(name, onActivity);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
