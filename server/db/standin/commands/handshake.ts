/**
 * Connection-time and diagnostic commands. The stand-in presents itself as a standalone
 * mongod 7.0: no `setName` (so the driver never attempts transactions or retryable writes) and
 * no `topologyVersion` (so the driver polls with plain hello instead of streaming/exhaust).
 */
import type { Handler } from '../context.ts';
import type { Doc } from '../values.ts';

export const SERVER_VERSION = '7.0.14';
export const MAX_WIRE_VERSION = 21;
const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
const startedAt = new Date();

const hello: Handler = (_cmd, ctx) => {
  const primaryFlag: Doc = ctx.name === 'hello' ? { isWritablePrimary: true } : { ismaster: true };
  return {
    helloOk: true,
    ...primaryFlag,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    // Present so the driver sends lsid (which we ignore) instead of refusing sessions outright.
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
};

const buildInfo: Handler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'phoenix-standin',
  versionArray: [7, 0, 14, 0],
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['standin'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'disabled' },
});

const getParameter: Handler = (cmd) => {
  // Drivers and tools ask for a handful of parameters; answer the common ones, ignore the rest.
  const known: Doc = { featureCompatibilityVersion: { version: '7.0' }, authenticationMechanisms: [] };
  if (cmd.getParameter === '*') return known;
  const out: Doc = {};
  for (const key of Object.keys(cmd)) if (key in known) out[key] = known[key];
  return out;
};

const serverStatus: Handler = (_cmd, ctx) => ({
  host: 'standin',
  version: SERVER_VERSION,
  process: 'mongod',
  pid: process.pid,
  uptime: Math.floor((Date.now() - startedAt.getTime()) / 1000),
  localTime: new Date(),
  connections: { current: ctx.connectionId },
  storageEngine: { name: 'standin', persistent: false },
});

const listDatabases: Handler = (cmd, ctx) => {
  const databases = [...ctx.store.databases.values()].map((d) => ({
    name: d.name,
    sizeOnDisk: 0,
    empty: d.collections.size === 0,
  }));
  if (cmd.nameOnly) return { databases: databases.map((d) => ({ name: d.name })) };
  return { databases, totalSize: 0, totalSizeMb: 0 };
};

export const handshakeCommands: Record<string, Handler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: () => ({}),
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  serverStatus,
  hostInfo: () => ({ system: { hostname: 'standin', numCores: 1 }, os: {}, extra: {} }),
  whatsmyuri: (_cmd, ctx) => ({ you: `127.0.0.1:${ctx.connectionId}` }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] } }),
  getCmdLineOpts: () => ({ argv: ['mongod'], parsed: {} }),
  getLog: () => ({ totalLinesWritten: 0, log: [] }),
  listDatabases,
  // Sessions are accepted and forgotten: the stand-in has no session state to end.
  endSessions: () => ({}),
  killSessions: () => ({}),
  killAllSessions: () => ({}),
  refreshSessions: () => ({}),
  startSession: () => ({ id: { id: null }, timeoutMinutes: 30 }),
  logout: () => ({}),
  dbStats: (_cmd, ctx) => {
    const db = ctx.store.database(ctx.db);
    let objects = 0;
    for (const c of db?.collections.values() ?? []) objects += c.docs.size;
    return { db: ctx.db, collections: db?.collections.size ?? 0, objects, dataSize: 0, storageSize: 0, indexes: 0 };
  },
};
