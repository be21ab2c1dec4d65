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
import { createRedisBus } from './bus/redis-bus';
import { ensureDemoOrganization } from './services/demo';
import { seedDemoData } from './services/demo-data';
import { createLookupCache } from './caches/lookup-cache';
import { createRateLimiter } from './caches/rate-limiter';
import pkg from '../package.json';

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
  /** Graceful: stop accepting, close sockets, stop jobs, close the database. */
  stop(): Promise<void>;
}

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
async function buildContext(opts: StartOptions, log: Logger, clock: Clock, db: OpenDatabase, backend: string): Promise<AppContext> {
  const { config } = opts;
  const { repos } = db;
  const events = createChatLifecycle();
  const bus = opts.bus ?? (config.redisUrl ? await createRedisBus({ url: config.redisUrl, log }) : createLocalBus());
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
    events,
    jobs: createJobs({ backend: repos.crossOrg.jobBackend(), log, pollMs: config.env === 'test' ? 100 : 1000 }),
    dbBackend: backend,
    startedAt: clock.now(),
    version: pkg.version,
  };
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const { config } = opts;
  const log = opts.log ?? createLogger({ level: config.logLevel, pretty: config.env !== 'production' });
  const clock = opts.clock ?? systemClock;

  const { uri, backend, resolved } = await selectDatabase(opts, log);
  log.info('database selected', { backend, inMemoryOnly: resolved?.inMemoryOnly ?? false });
  const db = await openDatabase(uri, opts.database?.dbName ? { dbName: opts.database.dbName } : {});
  const ctx = await buildContext(opts, log, clock, db, backend);

  if (config.demo) await ensureDemoOrganization(ctx);
  // Before listening, so the first page load already has the data (the stand-in lives in here).
  if (config.seedDemo) await seedDemoData(ctx);

  const topics = new NativeTopics();
  const hub = new RealtimeHub(ctx, topics);
  // Routing subscribes to the chat lifecycle and the bus and defines its Agenda jobs; it must
  // be installed before the jobs start (below), or due routing jobs would find no handler.
  const routing = installRouting(ctx);
  // Features define their jobs while the app is composed; only then may due jobs run.
  const app = createApp(ctx);
  await ctx.jobs.start();
  const sockets = createSocketServer(ctx, hub);
  // Bun's server carries both: socket endpoints upgrade natively, everything else is Elysia's.
  const server = Bun.serve<SocketData>({
    hostname: config.host,
    port: config.port,
    development: false,
    idleTimeout: 30,
    // Bodies past the upload cap are refused while streaming in, not after buffering them.
    maxRequestBodySize: config.uploadMaxBytes + 1_048_576,
    async fetch(request, bunServer) {
      const socketAnswer = await sockets.upgrade(request, bunServer);
      return socketAnswer === null ? app.fetch(request) : socketAnswer;
    },
    websocket: sockets.websocket,
  });
  topics.bind(server);
  // Handlers read the client address through Elysia's `server` (rate limits).
  app.server = server as unknown as typeof app.server;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${server.port}`;
  log.info('phoenix chat listening', { url, publicUrl: config.publicUrl, env: config.env });

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      // Stop taking requests first, then let in-flight work finish before closing the data.
      hub.close();
      await server.stop(false);
      // Finish routing work already under way (drains, follow-ups) while the database is open.
      await routing.close();
      await ctx.jobs.stop();
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
