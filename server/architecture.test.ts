// The server's folders form layers: each may import from the ones below it, never from the ones
// above, so there is no cycle to untangle when a feature grows. Type-only imports count too: a
// type cycle still couples the two folders' meaning. Tests are outside the rule (they may reach
// into any layer to arrange a case), and so is test infrastructure.
import { expect, test } from 'bun:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const SERVER = import.meta.dir;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // Test infrastructure (harnesses, fakes, conformance suites) is outside the layers too.
    if (statSync(path).isDirectory()) return name === 'testing' || name === 'conformance' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('test-') ? [path] : [];
  });
}

/** `services/chats.ts` → `services`; a file at the top (`context.ts`) is its own node. */
function nodeOf(path: string): string {
  const rel = relative(SERVER, path);
  const parts = rel.split('/');
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

const IMPORT = /^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm;

export function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(SERVER)) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = normalize(join(dirname(file), match[1]!));
      if (!target.startsWith(SERVER + '/')) continue;
      const [from, to] = [nodeOf(file), nodeOf(target.endsWith('.ts') ? target : `${target}.ts`)];
      if (from === to) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), relative(SERVER, file)]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle as one path `a → b → … → a` (depth-first, each back edge reported once). */
export function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

test('cycle detection finds a cycle in a small graph and none in a layered one', () => {
  const edge = (pairs: [string, string][]) => {
    const g = new Map<string, Map<string, string[]>>();
    for (const [a, b] of pairs) g.set(a, new Map([...(g.get(a) ?? new Map<string, string[]>()), [b, []]]));
    return g;
  };
  expect(cycles(edge([['a', 'b'], ['b', 'c'], ['c', 'a']]))).toEqual([['a', 'b', 'c', 'a']]);
  expect(cycles(edge([['a', 'b'], ['b', 'c'], ['a', 'c']]))).toEqual([]);
});

test('no import cycles between server folders', () => {
  const graph = folderGraph();
  const described = cycles(graph).map((cycle) =>
    cycle
      .slice(1)
      .map((to, i) => `${cycle[i]} → ${to} (${graph.get(cycle[i]!)?.get(to)?.slice(0, 2).join(', ')})`)
      .join('\n    '),
  );
  expect(described).toEqual([]);
});
