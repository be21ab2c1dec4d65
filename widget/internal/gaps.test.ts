import { describe, expect, test } from 'bun:test';
import { afterGapFetch, afterReplay, contiguousSeq, gapTarget } from './gaps';

describe('contiguousSeq: the resume point only moves through seqs that follow it', () => {
  test.each([
    ['nothing held', 0, [], 0],
    ['from the start', 0, [1, 2, 3], 3],
    ['stops at a hole', 0, [1, 2, 4, 5], 2],
    ['a late lower seq fills the hole', 2, [1, 2, 3, 4, 5], 5],
    ['held only beyond a hole', 3, [6, 7], 3],
    ['an ack past a hole does not move it', 2, [1, 2, 5], 2],
    ['older messages below are ignored', 10, [4, 5, 11, 12], 12],
    ['never moves back', 8, [1, 2], 8],
  ] as [string, number, number[], number][])('%s', (_n, synced, seqs, want) => {
    expect(contiguousSeq(synced, seqs)).toBe(want);
  });
});

describe('gapTarget: a held seq beyond a hole is a gap to fetch', () => {
  test.each([
    ['nothing held', 0, [], 0],
    ['no hole', 0, [1, 2, 3], 0],
    ['N+2 while holding N', 1, [1, 3], 3],
    ['several holes: fetch up to the highest', 1, [1, 3, 6], 6],
    ['the hole was filled', 1, [1, 2, 3], 0],
    ['behind the resume point only', 5, [1, 3], 0],
  ] as [string, number, number[], number][])('%s', (_n, synced, seqs, want) => {
    expect(gapTarget(synced, seqs)).toBe(want);
  });
});

describe('afterGapFetch: holes up to the target the fetch knew of will never exist', () => {
  test.each([
    ['the fetch brought the missing seq', 1, 3, [1, 2, 3], 3],
    ['seq 2 never existed: skipped after one fetch', 1, 3, [1, 3], 3],
    ['frames that came meanwhile follow on', 1, 3, [1, 3, 4, 5], 5],
    ['a new hole after the target stays a gap', 1, 3, [1, 3, 5], 3],
    ['nothing came back but the target is held', 4, 6, [4, 6], 6],
  ] as [string, number, number, number[], number][])('%s', (_n, synced, target, seqs, want) => {
    const next = afterGapFetch(synced, target, seqs);
    expect(next).toBe(want);
    // No refetch loop: up to the target, nothing is a gap any more.
    expect(gapTarget(next, seqs.filter((s) => s <= target))).toBe(0);
  });
});

describe('afterReplay: the replay settles holes below what we hold, never beyond it', () => {
  test.each([
    ['replay brought everything', 2, 5, [1, 2, 3, 4, 5], 5],
    ['a hole the server skipped', 2, 5, [1, 2, 4, 5], 5],
    ['lastSeq beyond what arrived (still on its way live)', 2, 7, [1, 2, 3], 3],
    ['empty chat', 0, 0, [], 0],
    ['a taken, never stored last seq', 3, 4, [1, 2, 3], 3],
  ] as [string, number, number, number[], number][])('%s', (_n, synced, lastSeq, seqs, want) => {
    expect(afterReplay(synced, lastSeq, seqs)).toBe(want);
  });
});
