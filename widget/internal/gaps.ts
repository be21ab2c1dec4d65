// The resume point and the gap rule, as pure functions over the seqs the widget holds (sorted,
// ascending, as the message store keeps them). `synced` is the highest seq up to which nothing
// is missing: `chat.subscribe` and the history route resume from it, so a message that arrived
// late — or never, before a disconnect — is replayed instead of skipped.
//
// - It advances through held seqs only while they follow one another (`contiguousSeq`).
// - A held seq beyond a hole is a gap (`gapTarget`): the widget fetches from `synced` at once.
// - A seq a crash took without storing never exists: once a fetch made after seeing `target`
//   has come back, every seq up to `target` is either held or will never be, so the resume
//   point moves past the holes (`afterGapFetch`) — one fetch, no waiting, no refetch loop.

/** `synced`, advanced through every held seq that directly follows it. */
export function contiguousSeq(synced: number, seqs: readonly number[]): number {
  let s = synced;
  for (const seq of seqs) {
    if (seq <= s) continue;
    if (seq !== s + 1) break;
    s = seq;
  }
  return s;
}

/** The highest held seq when something before it is missing (a gap to fetch), else 0. */
export function gapTarget(synced: number, seqs: readonly number[]): number {
  const top = seqs.length ? seqs[seqs.length - 1]! : 0;
  return top > contiguousSeq(synced, seqs) ? top : 0;
}

/** The resume point once a fetch for everything after `synced`, made knowing `target`, is back. */
export function afterGapFetch(synced: number, target: number, seqs: readonly number[]): number {
  return contiguousSeq(Math.max(synced, target), seqs);
}

/**
 * `chat.replayed {lastSeq}`: the server read what it holds after our resume point, so holes below
 * the highest seq we now hold are none of ours to wait for. Not past what we hold, though: a seq
 * up to `lastSeq` still on its way live may yet be lost with the socket, and must be replayed.
 */
export function afterReplay(synced: number, lastSeq: number, seqs: readonly number[]): number {
  const top = seqs.length ? seqs[seqs.length - 1]! : 0;
  return contiguousSeq(Math.max(synced, Math.min(lastSeq, top)), seqs);
}
