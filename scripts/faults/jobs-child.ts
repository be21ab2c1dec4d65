// A process running the app's job scheduler (server/jobs) on a given database, for the jobs
// fault scenario. `--schedule-in MS` schedules one probe job; `--hang` makes the probe start and
// never finish (the process is then killed with -9 while it holds the job's lock). Prints
// `STARTED <id>` / `RAN <id>` lines the scenario counts.
//
//   npx bun scripts/faults/jobs-child.ts --uri mongodb://… [--schedule-in 1500] [--hang]
import { parseArgs } from 'node:util';
import { openDatabase } from '../../server/db/open';
import { createJobs } from '../../server/jobs/scheduler';
import { createLogger } from '../../server/logger';

const { values } = parseArgs({ options: { uri: { type: 'string' }, 'schedule-in': { type: 'string' }, hang: { type: 'boolean', default: false }, 'lock-ms': { type: 'string', default: '15000' } } });
const db = await openDatabase(values.uri!);
const log = createLogger({ level: 'warn', pretty: true });
const jobs = createJobs({ backend: db.repos.crossOrg.jobBackend(), log, pollMs: 500, lockLifetimeMs: Number(values['lock-ms']) });
jobs.define<{ probe: string }>('faults.probe', async (data) => {
  console.log(`STARTED ${data.probe}`);
  if (values.hang) await new Promise(() => undefined);
  console.log(`RAN ${data.probe}`);
});
if (values['schedule-in']) await jobs.schedule(new Date(Date.now() + Number(values['schedule-in'])), 'faults.probe', { probe: crypto.randomUUID() });
await jobs.start();
console.log('READY');
