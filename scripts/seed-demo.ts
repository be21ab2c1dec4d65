// `bun scripts/seed-demo.ts [--days 35] [--scale 1] [--seed n] [--force]` (npm run seed:demo)
//
// Fills the demo organization (admin@demo.phoenix.chat, created if missing) with teams, agents,
// contacts and a few weeks of chats, in the database the server uses: MONGODB_URI, or the
// embedded mongod under DATA_DIR (stop the server first: one mongod per data directory).
// The in-memory stand-in lives inside the server process, so it cannot be seeded from here:
// start the server with PHOENIX_SEED_DEMO=true instead.
import { systemClock } from '../server/clock';
import { ConfigError, loadConfig } from '../server/config';
import type { AppContext } from '../server/context';
import { resolveDatabase } from '../server/db/connection';
import { createLogger } from '../server/logger';
import { openDatabase } from '../server/db/open';
import { createLookupCache } from '../server/caches/lookup-cache';
import { createMailer } from '../server/notify/mailer';
import { createLocalBus } from '../server/bus/bus';
import { createChatLifecycle } from '../server/events/chat-lifecycle';
import { seedDemoData, type SeedOptions } from '../server/services/demo-data';
import { createRateLimiter } from '../server/caches/rate-limiter';
import pkg from '../package.json';

function parseArgs(argv: string[]): SeedOptions {
  const opts: SeedOptions = {};
  const number = (flag: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < min || n > max) {
      console.error(`${flag} needs a number between ${min} and ${max}`);
      process.exit(2);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--force') opts.force = true;
    else if (arg === '--days') opts.days = Math.round(number(arg, argv[++i], 1, 366));
    else if (arg === '--scale') opts.scale = number(arg, argv[++i], 0, 50);
    else if (arg === '--seed') opts.seed = Math.round(number(arg, argv[++i], 0, 2 ** 31));
    else {
      console.error(`Unknown argument ${arg}. Usage: bun scripts/seed-demo.ts [--days 35] [--scale 1] [--seed n] [--force]`);
      process.exit(2);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger({ level: config.logLevel, pretty: true });
  if (config.dbBackend === 'standin') {
    console.error('PHOENIX_DB_BACKEND=standin keeps data inside the server process. Start the server with PHOENIX_SEED_DEMO=true instead.');
    process.exit(2);
  }
  const resolved = await resolveDatabase({
    ...(config.mongodbUri ? { uri: config.mongodbUri } : {}),
    ...(config.dbBackend ? { force: config.dbBackend } : {}),
    dataDir: `${config.dataDir}/mongo`,
    log: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => log[level](msg, fields),
  });
  if (resolved.backend === 'standin') {
    await resolved.stop();
    console.error(
      'No MongoDB to seed: without MONGODB_URI or a mongod binary the server uses its in-memory stand-in, which lives inside the server process.\n' +
        'Start the server with PHOENIX_SEED_DEMO=true instead (e.g. `PHOENIX_SEED_DEMO=true npm start`), or set MONGODB_URI.',
    );
    process.exit(2);
  }

  const db = await openDatabase(resolved.uri);
  try {
    const { repos } = db;
    const bus = createLocalBus();
    // What the seeding services touch; the rest of a server (jobs, SMS, routing, sockets) stays
    // off — this process must not run jobs that belong to the real server.
    const ctx = {
      config,
      log,
      clock: systemClock,
      repos,
      bus,
      // Events carry team facts and names: the services read them through this cache.
      lookups: createLookupCache(repos, bus),
      mailer: createMailer({ smtpUrl: null, from: config.mailFrom, log }),
      limiter: createRateLimiter(systemClock),
      // No routing in this process: lifecycle events nobody listens to.
      events: createChatLifecycle(),
      dbBackend: resolved.backend,
      dbInMemoryOnly: resolved.inMemoryOnly,
      startedAt: systemClock.now(),
      version: pkg.version,
    } as AppContext;
    const started = Date.now();
    const result = await seedDemoData(ctx, opts);
    if (result.skipped) {
      console.log('The demo organization already has chats; nothing seeded (use --force to add more).');
    } else {
      console.log(
        `Seeded the demo organization in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.chats} chats, ${result.messages} messages, ` +
          `${result.contacts} new contacts, ${result.agents} agents, ${result.teams} teams.`,
      );
      // The password is this installation's own (generated with the demo organization, shown on /demo).
      if (result.password !== null) {
        console.log(`Log in as admin@demo.phoenix.chat / ${result.password} (agents: maya@, leo@, priya@, sam@, jonas@demo.phoenix.chat, same password).`);
      } else {
        console.log('Log in as admin@demo.phoenix.chat with the password /demo or the start log shows (agents: maya@, leo@, priya@, sam@, jonas@demo.phoenix.chat).');
      }
    }
  } finally {
    await db.close();
    await resolved.stop();
  }
}

await main();
