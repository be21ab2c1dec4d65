// The benchmarks are scripts, not timing tests (their figures depend on the machine): this checks
// that the latency bench runs to completion on small arguments, prints the figures it promises
// beside its raw baseline, and finds every message delivered once and in order. The ledger that
// decides "lost" and "reordered" is checked on its own, so a broken check cannot pass silently.
import { describe, expect, test } from 'bun:test';
import { spawn } from 'bun';
import { resolve } from 'node:path';
import { DeliveryLedger } from '../../scripts/bench/measure';

const root = resolve(import.meta.dir, '../..');

test('message-latency.ts runs on small arguments and reports figures, baseline, ratios and integrity', async () => {
  const proc = spawn({
    cmd: [process.execPath, 'scripts/bench/message-latency.ts', '--messages', '50', '--rate', '100', '--chats', '4', '--warmup', '0.3'],
    cwd: root,
    env: { ...process.env, PHOENIX_STANDIN_MEMORY: '1' },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
  const report = JSON.parse(stdout) as Record<string, any>;
  expect(report.messages).toBe(50);
  expect(report.delivered).toBe(50);
  expect(report.lost).toBe(0);
  expect(report.reordered).toBe(0);
  expect(report.seqGaps).toBe(0);
  expect(report.integrity).toEqual({ lost: 0, reordered: 0, pass: true });
  for (const figure of [report.ms.p50, report.ms.p99, report.cpuMsPerMessage, report.baseline.ms.p50, report.baseline.ms.p99, report.baseline.cpuMsPerInsert]) {
    expect(figure).toBeGreaterThan(0);
  }
  expect(report.baseline.lost).toBe(0);
  // The socket floor (a bare Bun.serve relaying the same frames) ran in the same run.
  expect(report.socketFloor.lost).toBe(0);
  expect(report.socketFloor.cpuMsPerMessage).toBeGreaterThanOrEqual(0);
  expect(report.socketFloor.ms.p50).toBeGreaterThan(0);
  for (const r of [report.ratio.p50, report.ratio.p99, report.ratio.cpu, report.ratio.serverCpuVsFloor]) expect(typeof r).toBe('number');
  expect(report.database).toEqual({ mode: 'standin-inside', durable: false, cpuCounted: true });
}, 40_000);

describe('the delivery ledger', () => {
  const msg = (chatId: string, seq: number, clientId: string | null) => ({ chatId, seq, clientId });
  const cases: { name: string; sends: string[]; frames: ReturnType<typeof msg>[]; expected: { delivered: number; reordered: number; gaps: number; duplicates: number } }[] = [
    { name: 'in order', sends: ['a', 'b'], frames: [msg('c', 1, 'a'), msg('c', 2, 'b')], expected: { delivered: 2, reordered: 0, gaps: 0, duplicates: 0 } },
    { name: 'a system message between', sends: ['a', 'b'], frames: [msg('c', 1, 'a'), msg('c', 2, null), msg('c', 3, 'b')], expected: { delivered: 2, reordered: 0, gaps: 0, duplicates: 0 } },
    { name: 'stored out of send order', sends: ['a', 'b'], frames: [msg('c', 1, 'b'), msg('c', 2, 'a')], expected: { delivered: 2, reordered: 1, gaps: 0, duplicates: 0 } },
    { name: 'delivered out of seq order', sends: ['a', 'b'], frames: [msg('c', 2, 'b'), msg('c', 1, 'a')], expected: { delivered: 1, reordered: 1, gaps: 0, duplicates: 0 } },
    { name: 'a seq skipped', sends: ['a', 'b'], frames: [msg('c', 1, 'a'), msg('c', 3, 'b')], expected: { delivered: 2, reordered: 0, gaps: 1, duplicates: 0 } },
    { name: 'delivered twice', sends: ['a'], frames: [msg('c', 1, 'a'), msg('c', 1, 'a')], expected: { delivered: 1, reordered: 0, gaps: 0, duplicates: 1 } },
    { name: 'chats apart', sends: ['a', 'b'], frames: [msg('d', 1, 'b'), msg('c', 1, 'a')], expected: { delivered: 2, reordered: 0, gaps: 0, duplicates: 0 } },
  ];
  for (const { name, sends, frames, expected } of cases) {
    test(name, () => {
      const ledger = new DeliveryLedger();
      sends.forEach((clientId, i) => ledger.sent(clientId, i));
      for (const frame of frames) ledger.received(frame);
      expect({ delivered: ledger.delivered, reordered: ledger.reordered, gaps: ledger.gaps, duplicates: ledger.duplicates }).toEqual(expected);
    });
  }
});
