import { describe, expect, test } from 'bun:test';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
};

describe('loadConfig', () => {
  test('defaults make a working local install', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.mongodbUri).toBeNull();
    expect(config.uploadMaxBytes).toBe(20 * 1024 * 1024);
    expect(config.demo).toBe(true);
    expect(config.cookieSecure).toBe(false);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['PORT not a number', { PORT: 'abc' }, /^PORT must be an integer/],
    ['PORT out of range', { PORT: '70000' }, /^PORT /],
    ['PUBLIC_URL not a URL', { PUBLIC_URL: 'nope' }, /^PUBLIC_URL must be a URL/],
    ['PUBLIC_URL wrong scheme', { PUBLIC_URL: 'ftp://x' }, /^PUBLIC_URL must use/],
    ['MONGODB_URI wrong scheme', { MONGODB_URI: 'http://db' }, /^MONGODB_URI must use/],
    ['REDIS_URL not a URL', { REDIS_URL: '::' }, /^REDIS_URL/],
    ['SMTP_URL wrong scheme', { SMTP_URL: 'http://mail' }, /^SMTP_URL/],
    ['TWILIO partially set', { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}` }, /must be set together/],
    ['TWILIO sid malformed', { TWILIO_ACCOUNT_SID: 'xyz', TWILIO_AUTH_TOKEN: 't', TWILIO_FROM: '+1555' }, /^TWILIO_ACCOUNT_SID must look like/],
    ['TWILIO_API_BASE_URL wrong scheme', { TWILIO_API_BASE_URL: 'ftp://edge' }, /^TWILIO_API_BASE_URL must use/],
    ['presence grace too short', { PRESENCE_OFFLINE_GRACE_MS: '5' }, /^PRESENCE_OFFLINE_GRACE_MS /],
    ['LOG_LEVEL unknown', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    ['NODE_ENV unknown', { NODE_ENV: 'staging' }, /^NODE_ENV must be one of/],
    ['PHOENIX_DB_BACKEND unknown', { PHOENIX_DB_BACKEND: 'sqlite' }, /^PHOENIX_DB_BACKEND must be one of/],
    ['uri backend without a URI', { PHOENIX_DB_BACKEND: 'uri' }, /needs MONGODB_URI/],
    ['flag not boolean', { PHOENIX_DEMO: 'maybe' }, /^PHOENIX_DEMO must be true or false/],
    ['upload cap too small', { UPLOAD_MAX_BYTES: '10' }, /^UPLOAD_MAX_BYTES/],
    ['webhook attempts not a number', { WEBHOOK_RETRY_ATTEMPTS: 'many' }, /^WEBHOOK_RETRY_ATTEMPTS must be an integer between 1 and 100/],
    ['webhook attempts zero', { WEBHOOK_RETRY_ATTEMPTS: '0' }, /^WEBHOOK_RETRY_ATTEMPTS /],
    ['webhook retry delay too short', { WEBHOOK_RETRY_DELAY_MS: '5' }, /^WEBHOOK_RETRY_DELAY_MS must be an integer/],
    ['webhook max delay negative', { WEBHOOK_RETRY_MAX_DELAY_MS: '-1' }, /^WEBHOOK_RETRY_MAX_DELAY_MS /],
    ['webhook max delay over a day', { WEBHOOK_RETRY_MAX_DELAY_MS: '86400001' }, /^WEBHOOK_RETRY_MAX_DELAY_MS /],
    ['webhook timeout too short', { WEBHOOK_TIMEOUT_MS: '5' }, /^WEBHOOK_TIMEOUT_MS must be an integer between 100 and 120000/],
    ['platform key too short', { PLATFORM_API_KEY: 'short' }, /^PLATFORM_API_KEY must be at least 32 characters/],
    ['metrics token too short', { METRICS_TOKEN: 'short' }, /^METRICS_TOKEN must be at least 16 characters/],
    ['metrics port not a port', { METRICS_PORT: '70000' }, /^METRICS_PORT must be an integer between 1 and 65535/],
    ['webhook timeout fractional', { WEBHOOK_TIMEOUT_MS: '1500.5' }, /^WEBHOOK_TIMEOUT_MS /],
  ];
  for (const [name, env, message] of bad) {
    test(`refuses: ${name}`, () => {
      const problems = problemsOf(env);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.some((p) => message.test(p))).toBe(true);
    });
  }

  test('metrics are off by default and on with a token or a port', () => {
    expect(loadConfig({}).metrics).toEqual({ token: null, port: null });
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(16), METRICS_PORT: '9464' }).metrics).toEqual({ token: 'a'.repeat(16), port: 9464 });
  });

  test('every problem is reported at once', () => {
    expect(problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud' })).toHaveLength(2);
  });

  const webhookCases: [string, Record<string, string>, Partial<ReturnType<typeof loadConfig>['webhooks']>][] = [
    ['production defaults', {}, { attempts: 33, retryDelayMs: 10_000, maxDelayMs: 3_600_000, timeoutMs: 10_000 }],
    ['test defaults', { NODE_ENV: 'test' }, { attempts: 8, retryDelayMs: 100, maxDelayMs: 400, timeoutMs: 2_000 }],
    ['overrides', { WEBHOOK_RETRY_ATTEMPTS: '3', WEBHOOK_RETRY_DELAY_MS: '50', WEBHOOK_RETRY_MAX_DELAY_MS: '60000', WEBHOOK_TIMEOUT_MS: '5000' }, { attempts: 3, retryDelayMs: 50, maxDelayMs: 60_000, timeoutMs: 5_000 }],
    ['override on top of test defaults', { NODE_ENV: 'test', WEBHOOK_RETRY_ATTEMPTS: '2' }, { attempts: 2, retryDelayMs: 100 }],
    ['blank means default', { WEBHOOK_TIMEOUT_MS: '  ' }, { timeoutMs: 10_000 }],
  ];
  for (const [name, env, expected] of webhookCases) {
    test(`webhook schedule: ${name}`, () => {
      expect(loadConfig(env).webhooks).toMatchObject(expected);
    });
  }

  test('a real deployment gets no demo account unless asked', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/phoenix' }).demo).toBe(false);
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/phoenix', PHOENIX_DEMO: 'true' }).demo).toBe(true);
  });

  test('https PUBLIC_URL makes cookies Secure', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example.com/' }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example.com/' }).publicUrl).toBe('https://chat.example.com');
  });
});

test('socket, shutdown and job-lock limits have defaults, read their variables, and refuse bad values', () => {
  const defaults = loadConfig({});
  expect(defaults.realtime).toEqual({ backpressureLimitBytes: 4 * 1024 * 1024, gapWaitMs: 250, batchLingerMs: 1, presenceOfflineGraceMs: 60_000, presenceAwayAfterMs: 300_000 });
  expect(defaults.shutdownGraceMs).toBe(10_000);
  expect(defaults.jobLockLifetimeMs).toBe(15_000);
  const set = loadConfig({ WS_BACKPRESSURE_LIMIT_BYTES: '65536', REALTIME_GAP_WAIT_MS: '50', MESSAGE_BATCH_LINGER_MS: '0', PRESENCE_OFFLINE_GRACE_MS: '500', PRESENCE_AWAY_AFTER_MS: '2000', SHUTDOWN_GRACE_MS: '2000', JOB_LOCK_LIFETIME_MS: '5000' });
  expect(set.realtime).toEqual({ backpressureLimitBytes: 65536, gapWaitMs: 50, batchLingerMs: 0, presenceOfflineGraceMs: 500, presenceAwayAfterMs: 2000 });
  expect([set.shutdownGraceMs, set.jobLockLifetimeMs]).toEqual([2000, 5000]);
  expect(() => loadConfig({ WS_BACKPRESSURE_LIMIT_BYTES: '10' })).toThrow(/WS_BACKPRESSURE_LIMIT_BYTES/);
  expect(() => loadConfig({ JOB_LOCK_LIFETIME_MS: 'soon' })).toThrow(/JOB_LOCK_LIFETIME_MS/);
  expect([loadConfig({}).jobPollMs, loadConfig({ NODE_ENV: 'test' }).jobPollMs, loadConfig({ JOB_POLL_MS: '60000' }).jobPollMs]).toEqual([1000, 100, 60_000]);
  expect(() => loadConfig({ JOB_POLL_MS: '0' })).toThrow(/JOB_POLL_MS/);
});

test('the README documents every configuration variable', async () => {
  const readme = await Bun.file(new URL('../README.md', import.meta.url)).text();
  const missing = CONFIG_VARIABLES.filter((name) => !readme.includes(`\`${name}\``));
  expect(missing).toEqual([]);
});

test('visitor token lifetime and rate limits have defaults, read their variables, and refuse bad values', () => {
  expect(loadConfig({}).visitors).toEqual({ tokenTtlDays: 90, rateLimits: true, messagesPer10s: 20, uploadsPerMinute: 10 });
  const set = loadConfig({ VISITOR_TOKEN_TTL_DAYS: '30', VISITOR_RATE_LIMITS: 'false', VISITOR_MESSAGE_LIMIT: '5', VISITOR_UPLOAD_LIMIT: '2' });
  expect(set.visitors).toEqual({ tokenTtlDays: 30, rateLimits: false, messagesPer10s: 5, uploadsPerMinute: 2 });
  // Past 180 days the database's TTL index would drop the token first (db/models/visitor-session.ts).
  expect(() => loadConfig({ VISITOR_TOKEN_TTL_DAYS: '365' })).toThrow(/VISITOR_TOKEN_TTL_DAYS/);
  expect(() => loadConfig({ VISITOR_MESSAGE_LIMIT: '0' })).toThrow(/VISITOR_MESSAGE_LIMIT/);
  expect(() => loadConfig({ VISITOR_RATE_LIMITS: 'maybe' })).toThrow(/VISITOR_RATE_LIMITS/);
});
