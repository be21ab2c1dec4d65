// Measuring pieces shared by the benchmarks that compare against a raw baseline in the same run:
// percentiles, CPU of other processes (from /proc), the raw driver baseline, and the
// bookkeeping that proves no message was lost, duplicated or reordered on the way.
import { readdirSync, readFileSync } from 'node:fs';
import { child } from '../faults/lib';

export function percentiles(values: number[]): { p50: number; p90: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const round = (v: number) => +v.toFixed(2);
  return { p50: round(pct(50)), p90: round(pct(90)), p99: round(pct(99)), max: round(sorted.at(-1) ?? NaN) };
}

/** `a / b` rounded, or null when either side is missing (a figure nobody could measure). */
export function ratio(a: number | null, b: number | null, digits = 2): number | null {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return +(a / b).toFixed(digits);
}

/** CPU seconds (user + system) a process of this machine has used, from /proc (Linux). */
/** The value of one sample line of Prometheus text (`name{labels} value`), or null when absent. */
export function metricSample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

export function procCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) in parentheses: utime is the 14th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100; // USER_HZ is 100 on Linux
}

/** Where a Bun process's CPU went, by thread: its JS main thread, the JIT compilers, the collector, the rest. */
export interface ThreadCpu {
  main: number;
  /** The part of `main` spent in the kernel (socket reads and writes, the event loop's waits). */
  mainKernel: number;
  jit: number;
  gc: number;
  other: number;
}

/**
 * CPU seconds per kind of thread of a Bun process, from /proc/<pid>/task (Linux). Tells a
 * steady cost (the main thread) from a passing one (JITWorker threads compile hot code for the
 * first tens of thousands of messages, then go quiet).
 */
export function procThreadCpuSeconds(pid: number): ThreadCpu {
  const cpu: ThreadCpu = { main: 0, mainKernel: 0, jit: 0, gc: 0, other: 0 };
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    const kind: keyof ThreadCpu = Number(task) === pid ? 'main' : name.startsWith('JIT') ? 'jit' : /Heap|GC|Marking/i.test(name) ? 'gc' : 'other';
    cpu[kind] += seconds;
    if (kind === 'main') cpu.mainKernel += Number(fields[12]) / 100;
  }
  return cpu;
}

/** Per message, in ms, of the difference between two thread readings. */
export function threadCpuMsPer(before: ThreadCpu, after: ThreadCpu, count: number): ThreadCpu {
  const per = (k: keyof ThreadCpu) => +((((after[k] - before[k]) * 1000) / count).toFixed(3));
  return { main: per('main'), mainKernel: per('mainKernel'), jit: per('jit'), gc: per('gc'), other: per('other') };
}

/** Resident memory of a process in KB, from /proc. */
export function procRssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
}

/** The database URI the server process chose for its built-in stand-in, from its start log. */
export function standinUriFromLogs(logs: string[]): string {
  for (const line of logs) {
    if (!line.includes('database: using')) continue;
    const uri = /"uri":"(mongodb:\/\/[^"]+)"/.exec(line)?.[1] ?? /uri=(mongodb:\/\/\S+)/.exec(line)?.[1];
    if (uri) return uri;
  }
  throw new Error(`the server logged no database URI:\n${logs.join('\n')}`);
}

export interface RawInserts {
  acked: number;
  failed: number;
  stored: number;
  lost: number;
  ms: { p50: number; p99: number; max: number };
  /** The driver process's own CPU. */
  cpuSeconds: number;
}

/** Bare driver inserts (server/db/raw-insert-load.ts) as a process of its own. */
export async function rawInserts(opts: { uri: string; rate: number; count: number; chats: number }): Promise<RawInserts> {
  const c = child([process.execPath, 'server/db/raw-insert-load.ts', '--uri', opts.uri, '--rate', String(opts.rate), '--count', String(opts.count), '--chats', String(opts.chats)]);
  const code = await c.proc.exited;
  const line = c.logs.find((l) => l.startsWith('{"acked"'));
  if (code !== 0 || !line) throw new Error(`the raw insert baseline failed (exit ${code}):\n${c.logs.join('\n')}`);
  return JSON.parse(line) as RawInserts;
}

/**
 * What the agent received of the bench's messages: latency per message (send → received),
 * and, per chat, whether seqs came without gaps and in the order the visitor sent them.
 */
export class DeliveryLedger {
  readonly latencies: number[] = [];
  duplicates = 0;
  reordered = 0;
  /** A seq skipped in a chat: a message stored but not delivered. */
  gaps = 0;
  private readonly sentAt = new Map<string, { at: number; index: number }>();
  private readonly seen = new Set<string>();
  private readonly lastSeq = new Map<string, number>();
  private readonly lastIndex = new Map<string, number>();

  sent(clientId: string, index: number): void {
    this.sentAt.set(clientId, { at: performance.now(), index });
  }

  /** Every message.created of the subscribed chats, the bench's own and any other (system) ones. */
  received(message: { chatId: string; seq: number; clientId: string | null }): void {
    const previous = this.lastSeq.get(message.chatId) ?? 0;
    if (message.seq <= previous) {
      if (message.clientId !== null && this.seen.has(message.clientId)) this.duplicates++;
      else this.reordered++;
      return;
    }
    if (message.seq > previous + 1 && previous > 0) this.gaps += message.seq - previous - 1;
    this.lastSeq.set(message.chatId, message.seq);
    const sent = message.clientId === null ? undefined : this.sentAt.get(message.clientId);
    if (!sent || this.seen.has(message.clientId!)) return;
    this.seen.add(message.clientId!);
    this.latencies.push(performance.now() - sent.at);
    // Stored in send order: within a chat, a later send must never carry an earlier seq.
    if (sent.index < (this.lastIndex.get(message.chatId) ?? -1)) this.reordered++;
    this.lastIndex.set(message.chatId, sent.index);
  }

  /** Drops the records of a finished step; seqs keep counting (send indexes start again). */
  reset(): void {
    this.latencies.length = 0;
    this.sentAt.clear();
    this.seen.clear();
    this.lastIndex.clear();
    this.duplicates = this.reordered = this.gaps = 0;
  }

  get delivered(): number {
    return this.seen.size;
  }
}
