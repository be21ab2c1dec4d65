import type { Clock } from './clock';
import type { Config } from './config';
import type { Jobs } from './jobs/scheduler';
import type { Logger } from './logger';
import type { Repositories } from './db/repos';
import type { Mailer } from './notify/mailer';
import type { SmsSender } from './notify/sms';
import type { EventBus } from './bus/bus';
import type { ChatLifecycle } from './events/chat-lifecycle';
import type { LookupCache } from './caches/lookup-cache';
import type { RateLimiter } from './caches/rate-limiter';
import type { ClientAddresses } from './caches/client-addresses';

/**
 * Everything a feature needs, built once at boot (or per test) and handed to each module's
 * factory. No module reaches for globals, so tests can run several apps in one process.
 */
export interface AppContext {
  config: Config;
  log: Logger;
  clock: Clock;
  /** The door to MongoDB: `repos.forOrg(orgId)` for one organization, `repos.crossOrg` for the named rest. */
  repos: Repositories;
  bus: EventBus;
  mailer: Mailer;
  /** Twilio SMS when TWILIO_* is configured (tests inject one pointed at a local fake). */
  sms: SmsSender | null;
  limiter: RateLimiter;
  /** Each request's client address, noted by the runtime's fetch (see http/client-ip.ts). */
  clientAddresses: ClientAddresses;
  /** Cached team modes, contact summaries and agent names (see lookup-cache.ts). */
  lookups: LookupCache;
  /** The chat lifecycle's in-process events; routing subscribes to them at boot. */
  events: ChatLifecycle;
  /** Agenda jobs on this database; started after all features defined theirs. */
  jobs: Jobs;
  /** Where the database lives, for /health. */
  dbBackend: string;
  /** True only on the memory-only stand-in: the console warns admins that data will not survive a restart. */
  dbInMemoryOnly: boolean;
  startedAt: Date;
  version: string;
}
