// The benchmarks are scripts, not timing tests (their figures depend on the machine): this checks
// that the latency, fan-out and idle-memory benches run to completion on small arguments, print
// the figures they promise beside their raw baselines, and find every message delivered once and
// in order. The ledger that
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

/** Runs a bench script to its end; its JSON report, or the failure with its stderr. */
async function runBench(args: string[]): Promise<Record<string, any>> {
  const proc = spawn({ cmd: [process.execPath, ...args], cwd: root, env: { ...process.env, PHOENIX_STANDIN_MEMORY: '1' }, stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout) as Record<string, any>;
}

test('fanout.ts runs on small arguments: both sides measured after a warm-up, every agent socket had every message in order', async () => {
  const report = await runBench(['scripts/bench/fanout.ts', '--agents', '4', '--messages', '60', '--warmup', '20']);
  expect({ agents: report.agents, messages: report.messages, warmup: report.warmup }).toEqual({ agents: 4, messages: 60, warmup: 20 });
  expect(report.integrity).toEqual({ lost: 0, reordered: 0, pass: true });
  expect(report.deliveriesPerSecond.rawBunPubSub).toBeGreaterThan(0);
  expect(report.deliveriesPerSecond.phoenixChat).toBeGreaterThan(0);
  expect(report.serverCpuUsPerMessage.phoenixChat).toBeGreaterThanOrEqual(0);
  expect(typeof report.ratio).toBe('number');
}, 40_000);

test('idle-memory.ts runs on small arguments: rounds read on both sides, first and steady figures', async () => {
  const report = await runBench(['scripts/bench/idle-memory.ts', '--sockets', '40', '--rounds', '2']);
  expect(report.sockets).toBe(80);
  expect(report.authenticated).toEqual({ phoenixChat: 80, rawBunServe: 80 });
  expect(report.rssKbAfterEachRound.phoenixChat).toHaveLength(3);
  expect(report.rssKbAfterEachRound.rawBunServe).toHaveLength(3);
  for (const side of [report.residentKbPerSocket.phoenixChat, report.residentKbPerSocket.rawBunServe]) {
    expect(typeof side.first).toBe('number');
    expect(typeof side.steady).toBe('number');
  }
  expect(typeof report.jsHeapBytesPerSocket).toBe('number');
}, 60_000);

test('hot-wire-lane.ts runs on small arguments: both transports measured, every message stored, every step applied', async () => {
  for (const durable of [[], ['--durable']]) {
    const report = await runBench(['scripts/bench/hot-wire-lane.ts', '--pairs', '120', '--rounds', '2', ...durable]);
    expect(report.cpuUsPerPair.socket).toBeGreaterThan(0);
    expect(report.cpuUsPerPair.lane).toBeGreaterThan(0);
    expect(typeof report.ratio.cpu).toBe('number');
    expect(report.integrity.pass).toBe(true);
    // 500 warm-up pairs and 120 counted pairs on each transport, 2 messages a pair.
    expect(report.integrity.expected).toBe((500 + 120) * 2 * 2);
  }
}, 60_000);

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
