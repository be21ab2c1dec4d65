/**
 * Mongoose connections for the server and tests. `createConnection` (not the global
 * `mongoose.connect`) so a process — or a test file — can hold several independent ones.
 */
import mongoose, { type Connection } from 'mongoose';

export interface MongooseConnectOptions {
  /** How long the driver waits for a usable server before failing an operation. */
  serverSelectionTimeoutMS?: number;
  autoIndex?: boolean;
}

function isLoopback(uri: string): boolean {
  return /^mongodb:\/\/(?:[^@/]*@)?(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:[/?]|$)/.test(uri);
}

/**
 * Opens a connection and waits until it is usable. Local servers (the stand-in, an embedded
 * mongod) answer in milliseconds or not at all, so fail fast there instead of the driver's 30 s.
 */
export async function connectMongoose(uri: string, dbName?: string, opts: MongooseConnectOptions = {}): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? (isLoopback(uri) ? 5_000 : 30_000),
    // Indexes carry invariants (unique e-mails, idempotent message clientIds): build them on model init.
    autoIndex: opts.autoIndex ?? true,
    autoCreate: true,
  });
  await conn.asPromise();
  return conn;
}

export async function disconnect(conn: Connection): Promise<void> {
  await conn.close();
}
