// How webhook deliveries are retried. Production keeps trying for more than a day (a bot
// platform outage over a weekend night must not lose hand-backs); tests shrink the schedule to
// hundreds of milliseconds. Read once at boot from the environment and validated like config.ts.
import type { Config } from '../config';
import { ConfigError } from '../config';

export interface WebhookSettings {
  /** Total tries including the first. */
  attempts: number;
  /** Delay before the first retry; doubles per retry up to `maxDelayMs`. */
  retryDelayMs: number;
  maxDelayMs: number;
  /** Per request; a slow receiver counts as a failure and is retried. */
  timeoutMs: number;
}

export const WEBHOOK_VARIABLES = ['WEBHOOK_RETRY_ATTEMPTS', 'WEBHOOK_RETRY_DELAY_MS', 'WEBHOOK_RETRY_MAX_DELAY_MS', 'WEBHOOK_TIMEOUT_MS'] as const;

const PRODUCTION: WebhookSettings = { attempts: 33, retryDelayMs: 10_000, maxDelayMs: 3_600_000, timeoutMs: 10_000 };
const TEST: WebhookSettings = { attempts: 8, retryDelayMs: 100, maxDelayMs: 400, timeoutMs: 2_000 };

/** Milliseconds from the first attempt to the last one, for the schedule above. */
export function retrySpanMs(s: Pick<WebhookSettings, 'attempts' | 'retryDelayMs' | 'maxDelayMs'>): number {
  let total = 0;
  for (let retry = 1; retry < s.attempts; retry += 1) total += Math.min(s.retryDelayMs * 2 ** (retry - 1), s.maxDelayMs);
  return total;
}

export function webhookSettings(config: Pick<Config, 'env'>, env: Record<string, string | undefined> = process.env): WebhookSettings {
  const base = config.env === 'test' ? TEST : PRODUCTION;
  const problems: string[] = [];
  const integer = (name: (typeof WEBHOOK_VARIABLES)[number], fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const settings: WebhookSettings = {
    attempts: integer('WEBHOOK_RETRY_ATTEMPTS', base.attempts, 1, 100),
    retryDelayMs: integer('WEBHOOK_RETRY_DELAY_MS', base.retryDelayMs, 10, 86_400_000),
    maxDelayMs: integer('WEBHOOK_RETRY_MAX_DELAY_MS', base.maxDelayMs, 10, 86_400_000),
    timeoutMs: integer('WEBHOOK_TIMEOUT_MS', base.timeoutMs, 100, 120_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}
