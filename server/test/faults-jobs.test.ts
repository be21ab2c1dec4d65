// Short version of scripts/faults/jobs.ts: a job whose process was killed with -9 while it held
// the job's lock runs again soon after a restart (lock lifetime 2 s here), and once.
import { expect, test } from 'bun:test';
import { runJobsAfterCrash } from '../../scripts/faults/jobs';

test('a job locked at kill -9 runs again within the lock lifetime of the restart, once', async () => {
  const r = await runJobsAfterCrash({ lockMs: 2_000, watchAfterMs: 3_000 });
  expect(r.firedWithinMsOfRestart).not.toBeNull();
  expect(r.firedWithinMsOfRestart!).toBeLessThan(10_000);
  expect(r.runsAfterRestart).toBe(1);
}, 20_000);
