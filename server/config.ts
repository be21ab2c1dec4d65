// Configuration comes only from environment variables, read once at start and validated, so a
// bad value stops the server with a message naming the variable instead of failing later.

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  mongodbUri: string | null;
  dbBackend: 'uri' | 'embedded' | 'standin' | null;
  dataDir: string;
  redisUrl: string | null;
  smtpUrl: string | null;
  mailFrom: string;
  /** `apiBaseUrl`: TWILIO_API_BASE_URL, a regional edge or a local double; null: Twilio's default. */
  twilio: { accountSid: string; authToken: string; from: string; apiBaseUrl: string | null } | null;
  uploadMaxBytes: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Create a demo organization (with the `/demo` page's credentials) when none exists. */
  demo: boolean;
  /** Fill the demo organization with a few weeks of chats at start, once (when it has none). */
  seedDemo: boolean;
  sessionTtlDays: number;
  /** Widget visitors: token expiry and rate limits (VISITOR_*). */
  visitors: VisitorSettings;
  /** Let webhooks target private/loopback addresses (tests, on-premise bots). */
  webhookAllowPrivate: boolean;
  /** Send cookies with `Secure`; defaults to true when PUBLIC_URL is https. */
  cookieSecure: boolean;
  /** Trust X-Forwarded-For for client addresses (rate limits) behind a proxy. */
  trustProxy: boolean;
  /** How webhook deliveries are retried (WEBHOOK_RETRY_*, WEBHOOK_TIMEOUT_MS). */
  webhooks: WebhookSettings;
  /** Socket limits (WS_BACKPRESSURE_LIMIT_BYTES, REALTIME_GAP_WAIT_MS). */
  realtime: RealtimeSettings;
  /**
   * SHUTDOWN_GRACE_MS: on SIGTERM, how long frames and requests already taken may take to finish
   * (and be published) before sockets, jobs and the database are closed anyway. Default 10 s.
   */
  shutdownGraceMs: number;
  /** METRICS_TOKEN, METRICS_PORT: see MetricsSettings. */
  metrics: MetricsSettings;
  /**
   * JOB_LOCK_LIFETIME_MS: how long a job's Agenda lock holds without being renewed (running jobs
   * renew it every third of this). A job locked by a process that died runs again this long after
   * it was locked. Default 15 s.
   */
  jobLockLifetimeMs: number;
  /**
   * JOB_POLL_MS: how often Agenda looks for due jobs (retries, routing timers). Default 1000 ms
   * (100 ms under NODE_ENV=test). A webhook's first attempt does not wait for it.
   */
  jobPollMs: number;
  /**
   * PLATFORM_API_KEY: the bot platform's credential for /api/platform/v1 (enrolling whole
   * organizations). Null: the feature is off and those routes answer 404.
   */
  platformApiKey: string | null;
}

export interface RealtimeSettings {
  /**
   * WS_BACKPRESSURE_LIMIT_BYTES: a socket with more than this queued (it stopped reading) is
   * closed with code 4029 and resumes on reconnect. Default 4 MiB.
   */
  backpressureLimitBytes: number;
  /**
   * REALTIME_GAP_WAIT_MS: how long a hub holds a chat's message whose predecessor has not arrived
   * before it reads the missing seqs from the database. Default 250 ms.
   */
  gapWaitMs: number;
  /**
   * MESSAGE_BATCH_LINGER_MS: while messages are flowing, how long the message writer waits for
   * more before writing a batch (services/message-writer.ts). Default 1; 0 writes at once.
   */
  batchLingerMs: number;
  /**
   * PRESENCE_OFFLINE_GRACE_MS: an agent shows offline this long after their last console tab
   * closed (a reload reconnects well within it). Default 60 s.
   */
  presenceOfflineGraceMs: number;
  /** PRESENCE_AWAY_AFTER_MS: an agent with a tab open but no activity this long shows away. Default 5 min. */
  presenceAwayAfterMs: number;
}

/**
 * `/metrics` for operators (Prometheus text): off unless one of these is set. METRICS_TOKEN
 * serves it on the main port behind `Authorization: Bearer <token>`; METRICS_PORT serves it on a
 * listener of its own (on HOST), meant to be reachable only from the monitoring network.
 */
export interface MetricsSettings {
  token: string | null;
  port: number | null;
}

export interface VisitorSettings {
  /**
   * VISITOR_TOKEN_TTL_DAYS: a visitor token unused this long stops working (sliding: every use
   * renews it). Default 90; at most 180, the age at which the database drops unused tokens.
   */
  tokenTtlDays: number;
  /** VISITOR_RATE_LIMITS: off only for load tests and fault scripts that write as fast as they can. */
  rateLimits: boolean;
  /** VISITOR_MESSAGE_LIMIT: messages one visitor may send per 10 s (REST and socket together). */
  messagesPer10s: number;
  /** VISITOR_UPLOAD_LIMIT: files one visitor may upload per minute. */
  uploadsPerMinute: number;
}

export interface WebhookSettings {
  /** Total tries including the first. */
  attempts: number;
  /** Delay before the first retry; doubles per retry up to `maxDelayMs`. */
  retryDelayMs: number;
  maxDelayMs: number;
  /** Per request; a slow receiver counts as a failure and is retried. */
  timeoutMs: number;
}

/**
 * Production keeps retrying a webhook for a little over a day (a bot platform outage over a
 * weekend night must not lose hand-backs); NODE_ENV=test shrinks it to about a second.
 */
export const WEBHOOK_DEFAULTS: Record<'production' | 'test', WebhookSettings> = {
  production: { attempts: 33, retryDelayMs: 10_000, maxDelayMs: 3_600_000, timeoutMs: 10_000 },
  test: { attempts: 8, retryDelayMs: 100, maxDelayMs: 400, timeoutMs: 2_000 },
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Typed readers over the environment; each bad value is added to `problems`, never thrown. */
function envReader(env: Env, problems: string[]) {
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const url = (name: string, protocols: string[]): string | null => {
    const raw = read(name);
    if (raw === undefined) return null;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
        return null;
      }
      return raw;
    } catch {
      problems.push(`${name} must be a URL (got "${raw}")`);
      return null;
    }
  };
  const oneOf = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!(values as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${values.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };
  return { read, integer, flag, url, oneOf };
}

type EnvReader = ReturnType<typeof envReader>;

/** All three TWILIO_* or none; the account SID has a fixed shape. */
function twilioFrom({ read, url }: EnvReader, problems: string[]): Config['twilio'] {
  const sid = read('TWILIO_ACCOUNT_SID');
  const token = read('TWILIO_AUTH_TOKEN');
  const from = read('TWILIO_FROM');
  const twilioSet = [sid, token, from].filter((v) => v !== undefined).length;
  if (twilioSet > 0 && twilioSet < 3) {
    problems.push('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM must be set together');
  }
  if (sid !== undefined && !/^AC[0-9a-fA-F]{32}$/.test(sid)) {
    problems.push('TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits');
  }
  const apiBaseUrl = url('TWILIO_API_BASE_URL', ['http:', 'https:']);
  return twilioSet === 3 ? { accountSid: sid!, authToken: token!, from: from!, apiBaseUrl } : null;
}

/** The scrape token guards process figures, not data: at least 16 characters, no spaces. */
function metricsSettings({ read, integer }: EnvReader, problems: string[]): MetricsSettings {
  const token = read('METRICS_TOKEN') ?? null;
  if (token !== null && (token.length < 16 || /\s/.test(token))) problems.push('METRICS_TOKEN must be at least 16 characters without spaces');
  const port = read('METRICS_PORT') === undefined ? null : integer('METRICS_PORT', 0, 1, 65535);
  return { token: token !== null && token.length >= 16 && !/\s/.test(token) ? token : null, port };
}

/** A credential that enrolls organizations must not be guessable: at least 32 characters. */
function platformKey({ read }: EnvReader, problems: string[]): string | null {
  const key = read('PLATFORM_API_KEY');
  if (key === undefined) return null;
  if (key.length < 32 || /\s/.test(key)) {
    problems.push('PLATFORM_API_KEY must be at least 32 characters without spaces');
    return null;
  }
  return key;
}

function webhookSettings({ integer }: EnvReader, base: WebhookSettings): WebhookSettings {
  return {
    attempts: integer('WEBHOOK_RETRY_ATTEMPTS', base.attempts, 1, 100),
    retryDelayMs: integer('WEBHOOK_RETRY_DELAY_MS', base.retryDelayMs, 10, 86_400_000),
    maxDelayMs: integer('WEBHOOK_RETRY_MAX_DELAY_MS', base.maxDelayMs, 10, 86_400_000),
    timeoutMs: integer('WEBHOOK_TIMEOUT_MS', base.timeoutMs, 100, 120_000),
  };
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const reader = envReader(env, problems);
  const { read, integer, flag, url, oneOf } = reader;
  const envName = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const port = integer('PORT', 3000, 0, 65535);
  const publicUrl = (url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const backendRaw = read('PHOENIX_DB_BACKEND');
  const dbBackend = backendRaw === undefined ? null : oneOf('PHOENIX_DB_BACKEND', ['uri', 'embedded', 'standin'] as const, 'standin');

  const twilio = twilioFrom(reader, problems);

  const mongodbUri = url('MONGODB_URI', ['mongodb:', 'mongodb+srv:']);
  if (dbBackend === 'uri' && mongodbUri === null) {
    problems.push('PHOENIX_DB_BACKEND=uri needs MONGODB_URI');
  }

  const webhookBase = WEBHOOK_DEFAULTS[envName === 'test' ? 'test' : 'production'];

  const config: Config = {
    env: envName,
    host: read('HOST') ?? '0.0.0.0',
    port,
    publicUrl,
    mongodbUri,
    dbBackend,
    dataDir: read('DATA_DIR') ?? './.data',
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: read('MAIL_FROM') ?? 'Phoenix Chat <no-reply@phoenix.local>',
    twilio,
    uploadMaxBytes: integer('UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    logLevel: oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, envName === 'test' ? 'warn' : 'info'),
    // A real deployment (MONGODB_URI set) gets no demo account unless asked for.
    demo: flag('PHOENIX_DEMO', envName !== 'test' && mongodbUri === null),
    seedDemo: flag('PHOENIX_SEED_DEMO', false),
    sessionTtlDays: integer('SESSION_TTL_DAYS', 14, 1, 365),
    visitors: {
      tokenTtlDays: integer('VISITOR_TOKEN_TTL_DAYS', 90, 1, 180),
      rateLimits: flag('VISITOR_RATE_LIMITS', true),
      messagesPer10s: integer('VISITOR_MESSAGE_LIMIT', 20, 1, 10_000),
      uploadsPerMinute: integer('VISITOR_UPLOAD_LIMIT', 10, 1, 10_000),
    },
    webhookAllowPrivate: flag('WEBHOOK_ALLOW_PRIVATE', false),
    cookieSecure: flag('COOKIE_SECURE', publicUrl.startsWith('https:')),
    trustProxy: flag('TRUST_PROXY', false),
    webhooks: webhookSettings(reader, webhookBase),
    realtime: {
      backpressureLimitBytes: integer('WS_BACKPRESSURE_LIMIT_BYTES', 4 * 1024 * 1024, 16 * 1024, 1024 * 1024 * 1024),
      gapWaitMs: integer('REALTIME_GAP_WAIT_MS', 250, 10, 10_000),
      batchLingerMs: integer('MESSAGE_BATCH_LINGER_MS', 1, 0, 20),
      presenceOfflineGraceMs: integer('PRESENCE_OFFLINE_GRACE_MS', 60_000, 100, 3_600_000),
      presenceAwayAfterMs: integer('PRESENCE_AWAY_AFTER_MS', 300_000, 1_000, 86_400_000),
    },
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    jobLockLifetimeMs: integer('JOB_LOCK_LIFETIME_MS', 15_000, 1_000, 3_600_000),
    jobPollMs: integer('JOB_POLL_MS', envName === 'test' ? 100 : 1000, 10, 3_600_000),
    platformApiKey: platformKey(reader, problems),
    metrics: metricsSettings(reader, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Every variable the server reads, for the README and `--help`. */
export const CONFIG_VARIABLES = [
  'NODE_ENV', 'HOST', 'PORT', 'PUBLIC_URL', 'MONGODB_URI', 'PHOENIX_DB_BACKEND', 'DATA_DIR',
  'REDIS_URL', 'SMTP_URL', 'MAIL_FROM', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'TWILIO_API_BASE_URL',
  'UPLOAD_MAX_BYTES', 'LOG_LEVEL', 'PHOENIX_DEMO', 'PHOENIX_SEED_DEMO', 'SESSION_TTL_DAYS', 'WEBHOOK_ALLOW_PRIVATE',
  'COOKIE_SECURE', 'TRUST_PROXY', 'WEBHOOK_RETRY_ATTEMPTS', 'WEBHOOK_RETRY_DELAY_MS', 'WEBHOOK_RETRY_MAX_DELAY_MS',
  'WEBHOOK_TIMEOUT_MS', 'WS_BACKPRESSURE_LIMIT_BYTES', 'REALTIME_GAP_WAIT_MS', 'MESSAGE_BATCH_LINGER_MS', 'PRESENCE_OFFLINE_GRACE_MS', 'PRESENCE_AWAY_AFTER_MS', 'SHUTDOWN_GRACE_MS', 'JOB_LOCK_LIFETIME_MS', 'JOB_POLL_MS',
  'PLATFORM_API_KEY', 'METRICS_TOKEN', 'METRICS_PORT',
  'VISITOR_TOKEN_TTL_DAYS', 'VISITOR_RATE_LIMITS', 'VISITOR_MESSAGE_LIMIT', 'VISITOR_UPLOAD_LIMIT',
  // Read by server/db/connection.ts when it starts the stand-in (listed here so the README test covers it).
  'PHOENIX_STANDIN_MEMORY',
  // Read by server/db/hot-wire.ts when the message writer first writes.
  'PHOENIX_HOT_WIRE',
] as const;
