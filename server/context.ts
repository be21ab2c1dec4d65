import type { Connection } from 'mongoose';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Jobs } from './jobs/scheduler';
import type { Logger } from './logger';
import type { Models } from './models';
import type { Mailer } from './notify/mailer';
import type { SmsSender } from './notify/sms';
import type { EventBus } from './realtime/bus';
import type { ChatHooks } from './services/chats';
import type { LookupCache } from './services/lookup-cache';
import type { RateLimiter } from './services/rate-limiter';

/**
 * Everything a feature needs, built once at boot (or per test) and handed to each module's
 * factory. No module reaches for globals, so tests can run several apps in one process.
 */
export interface AppContext {
  config: Config;
  log: Logger;
  clock: Clock;
  conn: Connection;
  models: Models;
  bus: EventBus;
  mailer: Mailer;
  /** Twilio SMS when TWILIO_* is configured (tests inject one pointed at a local fake). */
  sms: SmsSender | null;
  limiter: RateLimiter;
  /** Cached team modes, contact summaries and agent names (see lookup-cache.ts). */
  lookups: LookupCache;
  /** Where routing plugs into the chat lifecycle (set by the routing module at boot). */
  hooks: ChatHooks;
  /** Agenda jobs on this database; started after all features defined theirs. */
  jobs: Jobs;
  /** Where the database lives, for /health. */
  dbBackend: string;
  startedAt: Date;
  version: string;
}
