import { describe, expect, test } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { IN_MEMORY_BANNER, durableStandinBanner, parseBackend, redactUri, resolveDatabase } from './connection.ts';
import { connectMongoose, disconnect } from './mongoose.ts';

type Entry = { level: string; msg: string; fields?: Record<string, unknown> };
const collect = (into: Entry[]) => (level: string, msg: string, fields?: Record<string, unknown>) => {
  into.push({ level, msg, ...(fields ? { fields } : {}) });
};

describe('resolveDatabase', () => {
  test('a given URI wins and starts nothing', async () => {
    const logs: Entry[] = [];
    const db = await resolveDatabase({ uri: 'mongodb://user:secret@db.example:27017/app', log: collect(logs) });
    expect(db).toMatchObject({ backend: 'uri', uri: 'mongodb://user:secret@db.example:27017/app', inMemoryOnly: false });
    await db.stop();
    expect(JSON.stringify(logs)).not.toContain('secret');
    expect(logs.some((l) => l.msg.includes('uri backend'))).toBe(true);
  });

  test('forcing the stand-in: in-memory, announced loudly, usable through mongoose', async () => {
    const logs: Entry[] = [];
    const db = await resolveDatabase({ uri: 'mongodb://ignored:1', force: 'standin', log: collect(logs) });
    try {
      expect(db.backend).toBe('standin');
      expect(db.inMemoryOnly).toBe(true);
      expect(logs.some((l) => l.level === 'warn' && l.msg === IN_MEMORY_BANNER)).toBe(true);
      expect(IN_MEMORY_BANNER.split('\n').length).toBeGreaterThan(5);
      const conn = await connectMongoose(db.uri, 'resolve_test');
      try {
        const Thing = conn.model('Thing', new mongoose.Schema({ name: String }));
        await Thing.create({ name: 'x' });
        expect(await Thing.countDocuments()).toBe(1);
      } finally {
        await disconnect(conn);
      }
    } finally {
      await db.stop();
    }
  });

  test('forcing "uri" without one is an error', async () => {
    const err = await resolveDatabase({ force: 'uri' }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/MONGODB_URI/);
  });

  test('default order without a URI settles fast when no binary can be had', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'phoenix-db-'));
    const saved = process.env.MONGOMS_RUNTIME_DOWNLOAD;
    // Keep the test hermetic: use a local mongod if one exists, never download one.
    process.env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
    const started = Date.now();
    const db = await resolveDatabase({ dataDir: path.join(root, 'mongo') });
    try {
      expect(['embedded', 'standin']).toContain(db.backend);
      // Given a data dir, neither backend is memory-only any more: the stand-in is durable there.
      expect(db.inMemoryOnly).toBe(false);
      if (db.backend === 'standin') expect(db.standinDir).toBe(path.join(root, 'standin'));
      if (db.backend === 'standin') expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await db.stop();
      if (saved === undefined) delete process.env.MONGOMS_RUNTIME_DOWNLOAD;
      else process.env.MONGOMS_RUNTIME_DOWNLOAD = saved;
      await rm(root, { recursive: true, force: true });
    }
  }, 60_000);

  test('the stand-in with a data dir is durable: honest banner with the absolute path, data kept across restarts', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'phoenix-db-'));
    const logs: Entry[] = [];
    const open = () => resolveDatabase({ force: 'standin', dataDir: path.join(root, 'mongo'), memoryOnly: false, log: collect(logs) });
    try {
      const first = await open();
      expect(first).toMatchObject({ backend: 'standin', inMemoryOnly: false, standinDir: path.join(root, 'standin') });
      expect(logs.some((l) => l.level === 'warn' && l.msg === durableStandinBanner(path.join(root, 'standin')))).toBe(true);
      expect(logs.some((l) => l.msg === IN_MEMORY_BANNER)).toBe(false);
      expect(durableStandinBanner('/x/y')).toContain('MONGODB_URI');
      const conn = await connectMongoose(first.uri, 'durable_test');
      await conn.model('Thing', new mongoose.Schema({ name: String })).create({ name: 'kept' });
      await disconnect(conn);
      await first.stop();

      const second = await open();
      try {
        const again = await connectMongoose(second.uri, 'durable_test');
        const Thing = again.model('Thing', new mongoose.Schema({ name: String }));
        expect((await Thing.find().lean()).map((t) => t.name)).toEqual(['kept']);
        await disconnect(again);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('memoryOnly (or PHOENIX_STANDIN_MEMORY=1) keeps the stand-in in memory even with a data dir', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'phoenix-db-'));
    const saved = process.env.PHOENIX_STANDIN_MEMORY;
    try {
      for (const opts of [{ memoryOnly: true }, { env: '1' }]) {
        if ('env' in opts) process.env.PHOENIX_STANDIN_MEMORY = opts.env;
        const logs: Entry[] = [];
        const db = await resolveDatabase({ force: 'standin', dataDir: path.join(root, 'mongo'), ...('memoryOnly' in opts ? opts : {}), log: collect(logs) });
        await db.stop();
        expect(db.inMemoryOnly).toBe(true);
        expect(db.standinDir).toBeUndefined();
        expect(logs.some((l) => l.msg === IN_MEMORY_BANNER)).toBe(true);
      }
      expect(await Array.fromAsync(new Bun.Glob('**').scan({ cwd: root, onlyFiles: false }))).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.PHOENIX_STANDIN_MEMORY;
      else process.env.PHOENIX_STANDIN_MEMORY = saved;
      await rm(root, { recursive: true, force: true });
    }
  });

  test('PHOENIX_DB_BACKEND parsing and URI redaction', () => {
    expect(parseBackend(undefined)).toBeUndefined();
    expect(parseBackend('standin')).toBe('standin');
    expect(() => parseBackend('memory')).toThrow(/PHOENIX_DB_BACKEND/);
    expect(redactUri('mongodb+srv://u:p@cluster0.x.net/db')).toBe('mongodb+srv://***@cluster0.x.net/db');
  });
});
