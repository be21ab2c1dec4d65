/**
 * Target of the conformance suite: a real MongoDB when MONGODB_URI is set (same tests, unique
 * database per file), otherwise a fresh stand-in. `standin` is exposed only for the few checks
 * that need to poke the stand-in directly (TTL sweep); tests must not branch on it otherwise.
 */
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import { type Standin, startStandin } from '../standin/index.ts';
import { testDatabase } from '../../testing/database.ts';

export interface Target {
  uri: string;
  dbName: string;
  client: MongoClient;
  db: Db;
  standin: Standin | undefined;
  /** Another client on the same server (parallel-client races). */
  newClient(): Promise<MongoClient>;
  stop(): Promise<void>;
}

export const onRealMongo = Boolean(process.env.MONGODB_URI);

export async function openTarget(label: string): Promise<Target> {
  let standin: Standin | undefined;
  let uri: string;
  let dbName: string;
  let stopDb: () => Promise<void>;
  if (onRealMongo) {
    const t = await testDatabase(label);
    ({ uri, dbName } = t);
    stopDb = () => t.stop();
  } else {
    // Surface handler failures that were not deliberate MongoDB errors (mingo throws, bugs).
    standin = await startStandin({
      log: (_level, msg, fields) => {
        if (msg === 'standin: command failed') console.error(`[standin] ${msg} ${JSON.stringify(fields)}`);
      },
    });
    uri = standin.uri;
    dbName = `${label}_db`;
    stopDb = () => (standin as Standin).stop();
  }
  const clients: MongoClient[] = [];
  const newClient = async (): Promise<MongoClient> => {
    const c = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
    clients.push(c);
    return c;
  };
  const client = await newClient();
  return {
    uri,
    dbName,
    client,
    db: client.db(dbName),
    standin,
    newClient,
    stop: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await stopDb();
    },
  };
}

/** The MongoServerError a command fails with (the test fails if it succeeds or fails otherwise). */
export async function serverError(p: Promise<unknown>): Promise<MongoServerError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MongoServerError)) throw new Error(`expected a MongoServerError, got ${String(err)}`);
  return err;
}

/**
 * Conformance tests poke at arbitrary document shapes on purpose; the driver's strict filter
 * typing (ObjectId-only `_id`, typed operators) would only get in the way here.
 */
export type LooseDoc = any;
