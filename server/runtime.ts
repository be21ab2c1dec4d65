import { createApp } from './app';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import type { AppContext } from './context';
import { resolveDatabase, type ResolvedDatabase } from './db/connection';
import { createJobs } from './jobs/scheduler';
import { createLogger, type Logger } from './logger';
import { openDatabase, type OpenDatabase } from './db/open';
import { createMailer, type Mailer } from './notify/mailer';
import { createTwilioSms, type SmsSender } from './notify/sms';
import { createLocalBus, type EventBus } from './bus/bus';
import { createChatLifecycle } from './events/chat-lifecycle';
import { RealtimeHub } from './realtime/hub';
import { NativeTopics } from './realtime/native-topics';
import { createSocketServer, type SocketData } from './realtime/socket-server';
import { installRouting } from './routing';
import { installVisitorFollowUps } from './services/visitor-follow-ups';
import { createRedisBus } from './bus/redis-bus';
import { ensureDemoOrganization } from './services/demo';
import { seedDemoData } from './services/demo-data';
import { createLookupCache } from './caches/lookup-cache';
import { createRateLimiter } from './caches/rate-limiter';
import pkg from '../package.json';
import { createClientAddresses } from './caches/client-addresses';
import { boundUndeclaredBody, SERVER_MAX_REQUEST_BODY_BYTES } from './http/body-limit';
import { installMetrics } from './modules/metrics/install';

export interface StartOptions {
  config: Config;
  log?: Logger;
  clock?: Clock;
  mailer?: Mailer;
  /** SMS sender; default: Twilio from config.twilio, or none. */
  sms?: SmsSender | null;
  bus?: EventBus;
  /** Use this database instead of resolving one (tests pass the stand-in's URI). */
  database?: { uri: string; dbName?: string; backend?: string };
}

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  app: ReturnType<typeof createApp>;
  /** Graceful: stop accepting, finish in-flight work (SHUTDOWN_GRACE_MS), close sockets with RESUME, then the database. */
  stop(): Promise<void>;
}

/** Counts requests being answered, so shutdown can wait for them. */
class InFlight {
  count = 0;
  private waiters: (() => void)[] = [];
  start(): void {
    this.count++;
  }
  end(): void {
    if (--this.count === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** Whether `work` settled within `ms`. */
async function withTimeout(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const shuttingDown = () =>
  new Response(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'The server is restarting; try again' } }), {
    status: 503,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1', connection: 'close' },
  });

/** Where the data lives: the caller's URI (tests), MONGODB_URI, or the embedded default. */
async function selectDatabase(opts: StartOptions, log: Logger): Promise<{ uri: string; backend: string; resolved: ResolvedDatabase | null }> {
  const { config } = opts;
  if (opts.database) return { uri: opts.database.uri, backend: opts.database.backend ?? 'uri', resolved: null };
  const resolved = await resolveDatabase({
    ...(config.mongodbUri ? { uri: config.mongodbUri } : {}),
    ...(config.dbBackend ? { force: config.dbBackend } : {}),
    dataDir: `${config.dataDir}/mongo`,
    log: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => log[level](msg, fields),
  });
  return { uri: resolved.uri, backend: resolved.backend, resolved };
}

/** Everything a feature needs, built once, before any feature is installed. */
function buildContext(opts: StartOptions, log: Logger, clock: Clock, db: OpenDatabase, database: { backend: string; inMemoryOnly: boolean }): AppContext {
  const { config } = opts;
  const { repos } = db;
  const events = createChatLifecycle();
  // Never waits for Redis: the server starts while it is down and connects when it appears.
  const bus = opts.bus ?? (config.redisUrl ? createRedisBus({ url: config.redisUrl, log }) : createLocalBus());
  return {
    config,
    log,
    clock,
    repos,
    bus,
    lookups: createLookupCache(repos, bus),
    mailer: opts.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log }),
    sms: opts.sms !== undefined ? opts.sms : config.twilio ? createTwilioSms(config.twilio) : null,
    limiter: createRateLimiter(clock),
    clientAddresses: createClientAddresses(),
    events,
    jobs: createJobs({ backend: repos.crossOrg.jobBackend(), log, pollMs: config.jobPollMs, lockLifetimeMs: config.jobLockLifetimeMs }),
    dbBackend: database.backend,
    dbInMemoryOnly: database.inMemoryOnly,
    startedAt: clock.now(),
    version: pkg.version,
  };
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { config } = opts;
  const log = opts.log ?? createLogger({ level: config.logLevel, pretty: config.env !== 'production' });
  const clock = opts.clock ?? systemClock;

  const { uri, backend, resolved } = await selectDatabase(opts, log);
  // A database handed in by a test is its own memory-only stand-in when it says 'standin'.
  const inMemoryOnly = resolved ? resolved.inMemoryOnly : backend === 'standin';
  log.info('database selected', { backend, inMemoryOnly });
  const db = await openDatabase(uri, opts.database?.dbName ? { dbName: opts.database.dbName } : {});
  const ctx = buildContext(opts, log, clock, db, { backend, inMemoryOnly });

  if (config.demo) await ensureDemoOrganization(ctx);
  // Before listening, so the first page load already has the data (the stand-in lives in here).
  if (config.seedDemo) await seedDemoData(ctx);

  const topics = new NativeTopics();
  const hub = new RealtimeHub(ctx, topics);
  // /metrics (METRICS_TOKEN / METRICS_PORT): sockets are counted from this hub's registry.
  const metrics = installMetrics(ctx, hub.registry);
  // Routing subscribes to the chat lifecycle and the bus and defines its Agenda jobs; it must
  // be installed before the jobs start (below), or due routing jobs would find no handler.
  const routing = installRouting(ctx);
  // Auto-resolve and transcript mails: jobs and lifecycle listeners, likewise before jobs start.
  const stopFollowUps = installVisitorFollowUps(ctx);
  // Features define their jobs while the app is composed; only then may due jobs run.
  const app = createApp(ctx);
  await ctx.jobs.start();
  const sockets = createSocketServer(ctx, hub);
  const requests = new InFlight();
  let draining = false;
  // Bun's server carries both: socket endpoints upgrade natively, everything else is Elysia's.
  const server = Bun.serve<SocketData>({
    hostname: config.host,
    port: config.port,
    development: false,
    idleTimeout: 30,
    // Never reached: bodies past the app's bound get its JSON 413 instead of Bun's bare one
    // (declared lengths by the app's bodyLimit, chunked bodies by boundUndeclaredBody below).
    maxRequestBodySize: SERVER_MAX_REQUEST_BODY_BYTES,
    async fetch(incoming, bunServer) {
      if (draining) return shuttingDown();
      requests.start();
      try {
        const request = await boundUndeclaredBody(incoming, config.uploadMaxBytes);
        if (request instanceof Response) return request;
        // Rate limits and socket caps key on the caller's address, which only Bun's server knows.
        ctx.clientAddresses.remember(request, () => bunServer.requestIP(incoming)?.address);
        const socketAnswer = await sockets.upgrade(request, bunServer);
        if (socketAnswer !== null) return socketAnswer;
        return await app.fetch(request);
      } finally {
        requests.end();
      }
    },
    websocket: { ...sockets.websocket, backpressureLimit: Math.max(16 * 1024 * 1024, 2 * config.realtime.backpressureLimitBytes), closeOnBackpressureLimit: false },
  });
  topics.bind(server);
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${server.port}`;
  log.info('phoenix chat listening', { url, publicUrl: config.publicUrl, env: config.env });

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      // 1. Take nothing new: no new connections, requests (503) or socket frames.
      draining = true;
      const closed = server.stop(false);
      // 2. Finish what was taken, within the grace period: frames and requests run to their end
      //    (their messages stored and published), then routing work and running jobs.
      const grace = config.shutdownGraceMs;
      const finished = await withTimeout(Promise.all([sockets.drain(grace), requests.idle()]), grace);
      if (!finished) log.warn('shutdown grace period over with work still in flight', { frames: sockets.inFlight, requests: requests.count, graceMs: grace });
      await routing.close();
      stopFollowUps();
      await ctx.jobs.stop();
      // 3. Everything published has left for the other instances; then sockets close with RESUME
      //    (clients reconnect, to another instance or to this one restarted, and resume).
      // This instance's console tabs leave the presence counts before its sockets close.
      await hub.presence.close();
      await ctx.bus.flush?.(1_000);
      hub.close();
      metrics.close();
      if (!(await withTimeout(closed, 1_000))) await server.stop(true);
      // 4. Only now the database: nothing is left that could still use it.
      ctx.lookups.close();
      await ctx.bus.close();
      ctx.mailer.close();
      await db.close();
      await resolved?.stop();
      log.info('stopped');
    })();
    return stopping;
  };
  return { url, port: server.port ?? config.port, ctx, app, stop };
}
