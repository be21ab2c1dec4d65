import { describe, expect, test } from 'bun:test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { IN_MEMORY_BANNER, parseBackend, redactUri, resolveDatabase } from './connection.ts';
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
    const dataDir = await mkdtemp(path.join(tmpdir(), 'phoenix-db-'));
    const saved = process.env.MONGOMS_RUNTIME_DOWNLOAD;
    // Keep the test hermetic: use a local mongod if one exists, never download one.
    process.env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
    const started = Date.now();
    const db = await resolveDatabase({ dataDir });
    try {
      expect(['embedded', 'standin']).toContain(db.backend);
      expect(db.inMemoryOnly).toBe(db.backend === 'standin');
      if (db.backend === 'standin') expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await db.stop();
      if (saved === undefined) delete process.env.MONGOMS_RUNTIME_DOWNLOAD;
      else process.env.MONGOMS_RUNTIME_DOWNLOAD = saved;
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  test('PHOENIX_DB_BACKEND parsing and URI redaction', () => {
    expect(parseBackend(undefined)).toBeUndefined();
    expect(parseBackend('standin')).toBe('standin');
    expect(() => parseBackend('memory')).toThrow(/PHOENIX_DB_BACKEND/);
    expect(redactUri('mongodb+srv://u:p@cluster0.x.net/db')).toBe('mongodb+srv://***@cluster0.x.net/db');
  });
});
