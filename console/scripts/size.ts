// Prints the JavaScript a first visit downloads (entry + its static imports, gzip) and fails
// over the budget. Run after the build: `bun console/scripts/size.ts`.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const dist = join(import.meta.dir, '../../dist/console');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/console/index.html is missing: run `vite build --config console/vite.config.ts` first.');
  process.exit(2);
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = new Set<string>();
for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) initial.add(m[1]!);
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) initial.add(m[1]!);

// Follow static imports of the entry (Vite hoists them into modulepreload, but be thorough).
const queue = [...initial];
while (queue.length) {
  const src = queue.shift()!;
  const code = readFileSync(join(dist, src), 'utf8');
  for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[^'"()]*?from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
    const dep = join(src.slice(0, src.lastIndexOf('/')), m[1]!);
    if (!initial.has(dep)) {
      initial.add(dep);
      queue.push(dep);
    }
  }
}

const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
let first = 0;
console.log('First load (gzip):');
for (const f of [...initial].sort()) {
  const size = gz(f);
  first += size;
  console.log(`  ${f.padEnd(60)} ${kb(size).padStart(10)}`);
}
let all = 0;
const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
for (const f of assets) all += gz(`/assets/${f}`);
console.log(`First-load JavaScript: ${kb(first)} gzip (budget ${kb(BUDGET)})`);
console.log(`All JavaScript (${assets.length} chunks, routes lazy): ${kb(all)} gzip`);
if (first > BUDGET) {
  console.error(`Over budget by ${kb(first - BUDGET)}.`);
  process.exit(1);
}
