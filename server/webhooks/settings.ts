// How webhook deliveries are retried. The schedule is configuration (WEBHOOK_RETRY_ATTEMPTS,
// WEBHOOK_RETRY_DELAY_MS, WEBHOOK_RETRY_MAX_DELAY_MS, WEBHOOK_TIMEOUT_MS), read and validated
// at start by config.ts with the rest; defaults are WEBHOOK_DEFAULTS there.
import type { Config, WebhookSettings } from '../config';

export type { WebhookSettings } from '../config';

/** Milliseconds from the first attempt to the last one, for the schedule above. */
export function retrySpanMs(s: Pick<WebhookSettings, 'attempts' | 'retryDelayMs' | 'maxDelayMs'>): number {
  let total = 0;
  for (let retry = 1; retry < s.attempts; retry += 1) total += Math.min(s.retryDelayMs * 2 ** (retry - 1), s.maxDelayMs);
  return total;
}

export function webhookSettings(config: Pick<Config, 'webhooks'>): WebhookSettings {
  return config.webhooks;
}
