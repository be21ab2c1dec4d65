// A job locked when its process is killed with -9: the probe job starts in one process (which
// then holds its Agenda lock), that process is killed, another is started at once. The job must
// run again within 30 s of the restart, and once.
//
//   npx bun scripts/faults/jobs.ts [--lock-ms 15000]
import { parseArgs } from 'node:util';
import { waitFor } from '../../server/testing/wait';
import { child, countIn, startStandinProcess } from './lib';

const jobsChild = (uri: string, args: string[]) => child([process.execPath, 'scripts/faults/jobs-child.ts', '--uri', uri, ...args]);

export async function runJobsAfterCrash(opts: { lockMs: number; watchAfterMs?: number }) {
  const standin = await startStandinProcess();
  const uri = standin.uri.replace(/\/?$/, '/faults_jobs');
  const lock = ['--lock-ms', String(opts.lockMs)];
  try {
    const first = jobsChild(uri, ['--schedule-in', '1000', '--hang', ...lock]);
    await waitFor(() => countIn(first.logs, 'STARTED') > 0, { timeout: 20_000, what: 'the job to start (locked)' });
    await first.kill('SIGKILL');
    const restarted = Date.now();
    const second = jobsChild(uri, lock);
    let firedAfterMs: number | null = null;
    await waitFor(() => countIn(second.logs, 'RAN') > 0, { timeout: 40_000, interval: 50, what: 'the job to run again' }).then(
      () => (firedAfterMs = Date.now() - restarted),
      () => undefined,
    );
    // Once: nothing more for a further lock lifetime and a half.
    const watch = opts.watchAfterMs ?? Math.round(opts.lockMs * 1.5);
    await new Promise((resolve) => setTimeout(resolve, watch));
    const runs = countIn(second.logs, 'RAN');
    await second.kill('SIGKILL');
    return { scenario: 'job locked at kill -9', lockLifetimeMs: opts.lockMs, firedWithinMsOfRestart: firedAfterMs, within30s: firedAfterMs !== null && firedAfterMs <= 30_000, runsAfterRestart: runs, watchedMs: watch };
  } finally {
    await standin.kill();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'lock-ms': { type: 'string', default: '15000' } } });
  console.log(JSON.stringify(await runJobsAfterCrash({ lockMs: Number(values['lock-ms']) }), null, 2));
  process.exit(0);
}
