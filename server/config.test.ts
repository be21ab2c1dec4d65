import { describe, expect, test } from 'bun:test';
import { ConfigError, loadConfig } from './config';

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
    ['LOG_LEVEL unknown', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    ['NODE_ENV unknown', { NODE_ENV: 'staging' }, /^NODE_ENV must be one of/],
    ['PHOENIX_DB_BACKEND unknown', { PHOENIX_DB_BACKEND: 'sqlite' }, /^PHOENIX_DB_BACKEND must be one of/],
    ['uri backend without a URI', { PHOENIX_DB_BACKEND: 'uri' }, /needs MONGODB_URI/],
    ['flag not boolean', { PHOENIX_DEMO: 'maybe' }, /^PHOENIX_DEMO must be true or false/],
    ['upload cap too small', { UPLOAD_MAX_BYTES: '10' }, /^UPLOAD_MAX_BYTES/],
  ];
  for (const [name, env, message] of bad) {
    test(`refuses: ${name}`, () => {
      const problems = problemsOf(env);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.some((p) => message.test(p))).toBe(true);
    });
  }

  test('every problem is reported at once', () => {
    expect(problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud' })).toHaveLength(2);
  });

  test('a real deployment gets no demo account unless asked', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/phoenix' }).demo).toBe(false);
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/phoenix', PHOENIX_DEMO: 'true' }).demo).toBe(true);
  });

  test('https PUBLIC_URL makes cookies Secure', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example.com/' }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://chat.example.com/' }).publicUrl).toBe('https://chat.example.com');
  });
});
