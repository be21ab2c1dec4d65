// The import boundaries of eslint.config.js, shown to fire on files that break them and to stay
// quiet on files that keep them. The fixtures are linted as text at the paths they pretend to
// have, with the very rule objects the project's config uses.
import { describe, expect, test } from 'bun:test';
import { ESLint } from 'eslint';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
const ROOT = join(import.meta.dir, '..');
// Loaded by path: the config is plain JavaScript that TypeScript does not type.
const CONFIG_PATH = join(ROOT, 'eslint.config.js');
const { boundaries } = (await import(CONFIG_PATH)) as { boundaries: unknown[] };

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
    ...(boundaries as unknown as ESLint.Options['overrideConfig'][]),
  ] as ESLint.Options['overrideConfig'],
});

async function ruleIdsFor(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const CASES: { what: string; path: string; source: string; fires: boolean }[] = [
  { what: 'mongoose in a service', path: 'server/services/fixture.ts', source: "import mongoose from 'mongoose';\nexport const m = mongoose;\n", fires: true },
  { what: 'the driver in routing', path: 'server/routing/fixture.ts', source: "import { MongoClient } from 'mongodb';\nexport const c = MongoClient;\n", fires: true },
  { what: 'a model in a module', path: 'server/modules/chats/fixture.ts', source: "import { chatModel } from '../../db/models/chat';\nexport const m = chatModel;\n", fires: true },
  { what: 'the scoped collection in realtime', path: 'server/realtime/fixture.ts', source: "import { ScopedCollection } from '../db/scoped-collection';\nexport const s = ScopedCollection;\n", fires: true },
  { what: 'mongoose in a script', path: 'scripts/fixture.ts', source: "import mongoose from 'mongoose';\nexport const m = mongoose;\n", fires: true },
  { what: 'repositories and ids in a service', path: 'server/services/fixture.ts', source: "import type { Repositories } from '../db/repos';\nimport { ObjectId } from '../db/ids';\nexport type R = Repositories;\nexport const o = ObjectId;\n", fires: false },
  { what: 'mongoose inside server/db', path: 'server/db/fixture.ts', source: "import mongoose from 'mongoose';\nexport const m = mongoose;\n", fires: false },
  { what: 'a repository in a route', path: 'server/modules/chats/fixture.ts', source: "export const r = (ctx: { repos: unknown }) => ctx.repos;\n", fires: true },
  { what: 'a service in a route', path: 'server/modules/chats/fixture.ts', source: "import { listChats } from '../../services/chats';\nexport const l = listChats;\n", fires: false },
  { what: 'a service in domain', path: 'server/domain/fixture.ts', source: "import { openChat } from '../services/chats';\nexport const o = openChat;\n", fires: true },
  { what: 'I/O in domain', path: 'server/domain/fixture.ts', source: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", fires: true },
  { what: 'shared types in domain', path: 'server/domain/fixture.ts', source: "import { ROLES } from '../../shared/types/enums';\nimport { isOpen } from './schedule';\nexport const r = [ROLES, isOpen];\n", fires: false },
  { what: 'server code in shared', path: 'shared/types/fixture.ts', source: "import { AppError } from '../../server/errors';\nexport const e = AppError;\n", fires: true },
  { what: 'console code in shared', path: 'shared/fixture.ts', source: "import { api } from '../console/src/api';\nexport const a = api;\n", fires: true },
  { what: 'fetch in a console store', path: 'console/src/stores/fixture.ts', source: "export const load = () => fetch('/api/chats');\n", fires: true },
  { what: 'fetch in console/src/api', path: 'console/src/api/fixture.ts', source: "export const load = () => fetch('/api/chats');\n", fires: false },
];

describe('import boundaries', () => {
  for (const c of CASES) {
    test(`${c.fires ? 'refuses' : 'allows'} ${c.what}`, async () => {
      const ids = await ruleIdsFor(c.path, c.source);
      if (c.fires) expect(ids.length).toBeGreaterThan(0);
      else expect(ids).toEqual([]);
    });
  }
});
