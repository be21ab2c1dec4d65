// How long a waiting visitor may expect to wait, from the team's recent chats (issue 18.4).
// The median, not the mean: one chat left overnight would make every estimate absurd.

/** Fewer recent claims than this and no estimate is shown: a guess would mislead. */
export const MIN_WAIT_SAMPLES = 5;
/** How many of the team's latest claims count, and how far back (days). */
export const WAIT_SAMPLE_SIZE = 20;
export const WAIT_SAMPLE_DAYS = 7;

/** The median of the waits in seconds (rounded), or null with fewer than MIN_WAIT_SAMPLES. */
export function estimatedWaitSeconds(waitsMs: readonly number[]): number | null {
  const waits = waitsMs.filter((w) => Number.isFinite(w) && w >= 0).sort((a, b) => a - b);
  if (waits.length < MIN_WAIT_SAMPLES) return null;
  const mid = Math.floor(waits.length / 2);
  const median = waits.length % 2 === 1 ? waits[mid]! : (waits[mid - 1]! + waits[mid]!) / 2;
  return Math.round(median / 1000);
}
