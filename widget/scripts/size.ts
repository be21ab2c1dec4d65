// Widget size budget (DESIGN §9): ≤ 15 KB gzip of JavaScript before the visitor opens the chat
// (widget.js alone), ≤ 40 KB gzip once open (widget.js + the panel chunk it imports + that
// chunk's static imports). Builds first unless --no-build; exits 1 over budget.
//   bun widget/scripts/size.ts [--no-build] [--json]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dir, '../..');
const dist = join(root, 'dist/widget');
const BEFORE_OPEN_LIMIT = 15 * 1024;
const OPEN_LIMIT = 40 * 1024;
const args = new Set(process.argv.slice(2));

if (!args.has('--no-build') || !existsSync(join(dist, 'widget.js'))) {
  const vite = join(root, 'node_modules/.bin/vite');
  const proc = Bun.spawnSync([vite, 'build', '--config', 'widget/vite.config.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdout: 'inherit',
    stderr: 'inherit',
  });
  if (proc.exitCode !== 0) {
    console.error('widget build failed');
    process.exit(1);
  }
}

const gz = (file: string): number => Bun.gzipSync(readFileSync(file), { level: 9 }).length;

const loader = join(dist, 'widget.js');
const loaderCode = readFileSync(loader, 'utf8');
const panelRef = loaderCode.match(/widget\/assets\/[\w.-]+\.js/)?.[0];
if (!panelRef) {
  console.error('widget.js does not reference a panel chunk');
  process.exit(1);
}

// The panel chunk and everything it imports statically, following relative specifiers.
const opened = new Set<string>();
const queue = [join(dist, panelRef.replace(/^widget\//, ''))];
while (queue.length) {
  const file = queue.pop()!;
  if (opened.has(file)) continue;
  if (!existsSync(file)) {
    console.error(`missing chunk: ${file}`);
    process.exit(1);
  }
  opened.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g)) queue.push(resolve(dirname(file), m[1]!));
}

const before = gz(loader);
const chunks = [...opened].map((f) => ({ file: f.slice(dist.length + 1), gzip: gz(f) }));
const open = before + chunks.reduce((n, c) => n + c.gzip, 0);
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const ok = before <= BEFORE_OPEN_LIMIT && open <= OPEN_LIMIT;

if (args.has('--json')) {
  console.log(JSON.stringify({ beforeOpen: before, open, chunks, limits: { beforeOpen: BEFORE_OPEN_LIMIT, open: OPEN_LIMIT }, ok }));
} else {
  console.log(`widget.js (before open): ${kb(before)} gzip  (budget ${kb(BEFORE_OPEN_LIMIT)}) ${before <= BEFORE_OPEN_LIMIT ? 'OK' : 'OVER'}`);
  for (const c of chunks) console.log(`  + ${c.file}: ${kb(c.gzip)} gzip`);
  console.log(`once open (total):       ${kb(open)} gzip  (budget ${kb(OPEN_LIMIT)}) ${open <= OPEN_LIMIT ? 'OK' : 'OVER'}`);
}
process.exit(ok ? 0 : 1);
