// SIGTERM with sends in flight: a visitor keeps `window` sends in flight; the server gets SIGTERM
// after `termAt` acks, and is started again once it exited. Counts MongoClientClosedError lines in
// the stopped server's log, acked messages the agent never received, and the exit code.
//
//   npx bun scripts/faults/sigterm.ts [--runs 7] [--window 15] [--total 120]
import { parseArgs } from 'node:util';
import { waitFor } from '../../server/testing/wait';
import { liveConversation, storedFigures, storedMessages } from './clients';
import { countIn, freePort, startServerProcess, startStandinProcess, type ServerChild } from './lib';

async function oneRun(standinUri: string, opts: { window: number; total: number }) {
  const port = await freePort();
  const start = () => startServerProcess({ port, mongoUri: standinUri });
  let server: ServerChild = await start();
  try {
    const { chat, agent, sender } = await liveConversation(() => server.url, opts.total, opts.window);
    await waitFor(() => sender.acked.size >= Math.floor(opts.total / 3), { timeout: 30_000, what: 'acks before SIGTERM' });
    const ackedBefore = sender.acked.size;
    const exitCode = await server.kill('SIGTERM');
    const stoppedLogs = server.logs;
    const closedErrors = countIn(stoppedLogs, 'MongoClientClosedError') + countIn(stoppedLogs, 'client was closed');
    const agentCloses = [...agent.closes];
    server = await start();
    await waitFor(() => sender.done(), { timeout: 60_000, what: 'every message acked' });
    const stored = await storedMessages(chat.owner, chat.chatId);
    const byClientId = new Map(stored.map((m) => [m.clientId, m.seq]));
    const ackedSeqs = [...sender.acked].map((id) => byClientId.get(id)).filter((s): s is number => s !== undefined);
    await agent.holds(chat.chatId, ackedSeqs, 10_000).catch(() => undefined);
    const got = agent.got.get(chat.chatId)!;
    sender.stop();
    agent.stop();
    return {
      exitCode,
      ackedBeforeTerm: ackedBefore,
      mongoClientClosedErrors: closedErrors,
      agentCloseCodes: agentCloses,
      undeliveredAcked: ackedSeqs.filter((s) => !got.has(s)).length,
      ...storedFigures(stored, sender.prefix, sender.acked),
    };
  } finally {
    await server.kill('SIGKILL');
  }
}

export async function runSigterm(opts: { runs: number; window: number; total: number }) {
  const standin = await startStandinProcess();
  try {
    const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
    for (let i = 0; i < opts.runs; i++) runs.push(await oneRun(standin.uri, opts));
    const sum = (key: 'mongoClientClosedErrors' | 'undeliveredAcked' | 'ackedLost' | 'duplicated' | 'outOfSendOrder') => runs.reduce((n, r) => n + r[key], 0);
    return {
      scenario: 'SIGTERM with sends in flight',
      runs: opts.runs,
      inFlight: opts.window,
      mongoClientClosedErrors: sum('mongoClientClosedErrors'),
      undeliveredAcked: sum('undeliveredAcked'),
      ackedLost: sum('ackedLost'),
      duplicated: sum('duplicated'),
      outOfSendOrder: sum('outOfSendOrder'),
      exitCodes: runs.map((r) => r.exitCode),
      agentCloseCodes: runs.map((r) => r.agentCloseCodes),
    };
  } finally {
    await standin.kill();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, window: { type: 'string', default: '15' }, total: { type: 'string', default: '120' } } });
  console.log(JSON.stringify(await runSigterm({ runs: Number(values.runs), window: Number(values.window), total: Number(values.total) }), null, 2));
  process.exit(0);
}
