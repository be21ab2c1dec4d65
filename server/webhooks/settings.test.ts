import { expect, test } from 'bun:test';
import { loadConfig } from '../config';
import { retrySpanMs, webhookSettings } from './settings';

test('production retries keep going for more than a day, tests for about a second', () => {
  const prod = webhookSettings(loadConfig({ NODE_ENV: 'production' }));
  expect(retrySpanMs(prod)).toBeGreaterThan(24 * 3_600_000);
  expect(retrySpanMs(prod)).toBeLessThan(26 * 3_600_000);
  expect(retrySpanMs(webhookSettings(loadConfig({})))).toBe(retrySpanMs(prod));
  const fast = webhookSettings(loadConfig({ NODE_ENV: 'test' }));
  expect(retrySpanMs(fast)).toBeLessThan(3_000);
});
