// Opens the application's database: one mongoose connection, its models, the repositories over
// them, and the indexes built before anything is served (unique indexes are what make claims and
// resends safe). The runtime holds only what this returns; no other file opens a connection.
import mongoose from 'mongoose';
import { createModels } from './models';
import { createRepositories } from './repos';

export async function openDatabase(uri: string, opts: { dbName?: string } = {}) {
  const conn = await mongoose
    .createConnection(uri, {
      ...(opts.dbName ? { dbName: opts.dbName } : {}),
      serverSelectionTimeoutMS: 10_000,
    })
    .asPromise();
  const models = createModels(conn);
  const repos = createRepositories(conn, models);
  await repos.syncIndexes();
  return { repos, close: () => conn.close() };
}

export type OpenDatabase = Awaited<ReturnType<typeof openDatabase>>;
