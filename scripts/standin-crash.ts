// Crash drill for the durable stand-in (issue 14): a client streams acknowledged inserts at a
// stand-in child process, the child is kill -9'd mid-stream, started again on the same data dir,
// and every acknowledged insert must be there. Exit code 1 if any is lost.
//
//   bun scripts/standin-crash.ts [--inserts 1000] [--kill-after 0 (random, 20–80 %)] [--concurrency 8] [--rounds 1]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { crashDrill } from '../server/db/standin/drill.ts';

const { values } = parseArgs({
  options: {
    inserts: { type: 'string', default: '1000' },
    'kill-after': { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '1' },
  },
});
const inserts = Number(values.inserts);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);

let totalLost = 0;
for (let round = 1; round <= rounds; round++) {
  const dir = await mkdtemp(path.join(tmpdir(), 'standin-crash-'));
  const killAfter = Number(values['kill-after']) || Math.round(inserts * (0.2 + Math.random() * 0.6));
  try {
    const r = await crashDrill(dir, inserts, killAfter, concurrency);
    totalLost += r.lost;
    console.log(
      JSON.stringify({
        round,
        inserts,
        concurrency,
        killedAfterAcknowledged: killAfter,
        killedAfterMs: r.killedAfterMs,
        acknowledged: r.acknowledged,
        failedInFlight: r.failed,
        presentAfterRestart: r.present,
        unacknowledgedButPresent: r.unacknowledgedPresent,
        restartMs: r.restartMs,
        lost: r.lost,
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.log(`${totalLost} lost (acknowledged inserts missing after kill -9 and restart, over ${rounds} round${rounds === 1 ? '' : 's'})`);
process.exit(totalLost === 0 ? 0 : 1);
