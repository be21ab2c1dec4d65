// Agenda 6 on the application's own database (collection `jobs`), wrapped so features define
// jobs by name and schedule them without knowing Agenda. Jobs survive restarts because they
// live in MongoDB; any instance may run a due job, and Agenda's lock makes it run once.
//
// After a crash: Agenda locks a job (lockedAt) shortly before it is due, and a lock is only taken
// over once it is `lockLifetime` old. Agenda's default (10 min) made a job locked by a process
// killed with -9 fire 10 minutes late. Locks here live `lockLifetimeMs` (JOB_LOCK_LIFETIME_MS,
// 15 s by default), so such a job runs again within that of the kill, on whichever instance polls
// first. A job that runs longer keeps its lock by renewing it (job.touch()) every third of the
// lifetime, so a live instance's job is never taken over: it still runs once.
import { Agenda, backoffStrategies, type AgendaBackend, type Job } from 'agenda';
import type { Logger } from '../logger';

export type JobHandler<T> = (data: T, job: Job<T>) => Promise<void>;

export interface JobOptions {
  /** Retries with exponential backoff, for deliveries to the outside world. */
  attempts?: number;
  /** First retry delay; doubles each time (capped at `maxDelayMs`). */
  retryDelayMs?: number;
  maxDelayMs?: number;
  concurrency?: number;
  /** Delete the job's document once it succeeded (one-off jobs that nobody inspects later). */
  removeOnComplete?: boolean;
}

export interface Jobs {
  define<T>(name: string, handler: JobHandler<T>, opts?: JobOptions): void;
  /** Schedules `name` at `when`. With `uniqueKey` an earlier pending job of the same key is replaced. */
  schedule<T extends Record<string, unknown>>(when: Date, name: string, data: T, uniqueKey?: Record<string, unknown>): Promise<void>;
  /** Removes pending jobs of `name` whose data matches `data` (e.g. `{ chatId }`). */
  cancel(name: string, data: Record<string, unknown>): Promise<number>;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly agenda: Agenda;
}

/** `backend` comes from server/db (repos.crossOrg.jobBackend()): the jobs live in MongoDB. */
export function createJobs(opts: { backend: AgendaBackend; log: Logger; pollMs: number; lockLifetimeMs?: number }): Jobs {
  const lockLifetime = opts.lockLifetimeMs ?? 15_000;
  // processEvery must be a number: Agenda 6 misreads strings like '500 milliseconds'.
  const agenda = new Agenda({ backend: opts.backend, processEvery: opts.pollMs, defaultLockLifetime: lockLifetime });
  agenda.on('error', (err: unknown) => opts.log.error('job scheduler error', { err }));
  let started = false;
  return {
    agenda,
    define(name, handler, jobOpts = {}) {
      agenda.define(
        name,
        async (job: Job<never>) => {
          const typed = job as unknown as Job<Parameters<typeof handler>[0]>;
          // Renew the lock while the handler runs (see the top of this file).
          const renew = setInterval(() => {
            typed.touch().catch((err: unknown) => opts.log.warn('job lock not renewed', { job: name, err }));
          }, Math.max(250, Math.floor(lockLifetime / 3)));
          try {
            await handler(typed.attrs.data, typed);
            // Our own removeOnComplete: Agenda's announces completion before deleting the job,
            // and drain() (used by stop) checks for running jobs in between, so it then waits out
            // its whole timeout. Deleting here is safe: Agenda ignores a state save that finds
            // the job gone. A handler that re-armed its job (nextRunAt set) keeps it.
            if (jobOpts.removeOnComplete && !typed.attrs.nextRunAt) {
              // The work is done: failing to tidy up must not count as a failure (and a retry).
              await typed.remove().catch((err: unknown) => opts.log.warn('completed job not removed', { job: name, err }));
            }
          } catch (err) {
            const failures = (typed.attrs.failCount ?? 0) + 1;
            opts.log.warn('job failed', { job: name, attempt: failures, err });
            throw err;
          } finally {
            clearInterval(renew);
          }
        },
        {
          lockLifetime,
          ...(jobOpts.concurrency ? { concurrency: jobOpts.concurrency } : {}),
          ...(jobOpts.attempts
            ? {
                backoff: backoffStrategies.exponential({
                  delay: jobOpts.retryDelayMs ?? 1000,
                  factor: 2,
                  maxRetries: jobOpts.attempts - 1,
                  ...(jobOpts.maxDelayMs ? { maxDelay: jobOpts.maxDelayMs } : {}),
                }),
              }
            : {}),
        },
      );
    },
    async schedule(when, name, data, uniqueKey) {
      const job = agenda.create(name, data).schedule(when);
      if (uniqueKey) {
        const unique: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(uniqueKey)) unique[`data.${k}`] = v;
        job.unique(unique);
      }
      await job.save();
    },
    cancel(name, data) {
      return agenda.cancel({ name, data });
    },
    async start() {
      if (started) return;
      started = true;
      await agenda.start();
    },
    async stop() {
      if (!started) return;
      started = false;
      // Let running jobs finish, then stop; the connection is the app's, so it stays open here.
      await agenda.drain({ timeout: 10_000, closeConnection: false });
      await agenda.stop(false);
    },
  };
}
