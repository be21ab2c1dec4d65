import { expect, test } from 'bun:test';
import { ConfigError } from '../config';
import { retrySpanMs, webhookSettings } from './settings';

test('production retries keep going for more than a day, tests for about a second', () => {
  const prod = webhookSettings({ env: 'production' }, {});
  expect(retrySpanMs(prod)).toBeGreaterThan(24 * 3_600_000);
  expect(retrySpanMs(prod)).toBeLessThan(26 * 3_600_000);
  const fast = webhookSettings({ env: 'test' }, {});
  expect(retrySpanMs(fast)).toBeLessThan(3_000);
});

test('the environment overrides the schedule; bad values stop the boot naming the variable', () => {
  expect(webhookSettings({ env: 'production' }, { WEBHOOK_RETRY_ATTEMPTS: '3', WEBHOOK_RETRY_DELAY_MS: '50' })).toMatchObject({ attempts: 3, retryDelayMs: 50 });
  expect(() => webhookSettings({ env: 'production' }, { WEBHOOK_RETRY_ATTEMPTS: 'many' })).toThrow(ConfigError);
  expect(() => webhookSettings({ env: 'production' }, { WEBHOOK_TIMEOUT_MS: '5' })).toThrow(/WEBHOOK_TIMEOUT_MS/);
});
