// `npm run dev`: the server with reload on change, the console's Vite dev server (hot reload,
// proxying /api and /ws to the server) and the widget rebuilt on change — one command, one Ctrl-C.
import { spawn, type Subprocess } from 'bun';

const children: Subprocess[] = [];
const run = (name: string, cmd: string[], env: Record<string, string> = {}) => {
  const child = spawn({ cmd, env: { ...process.env, ...env }, stdout: 'inherit', stderr: 'inherit' });
  children.push(child);
  void child.exited.then((code) => {
    if (code !== 0 && code !== null) console.error(`[dev] ${name} exited with ${code}`);
  });
};

run('server', [process.execPath, '--watch', 'server/index.ts'], { NODE_ENV: 'development' });
run('widget', [process.execPath, 'x', 'vite', 'build', '--watch', '--config', 'widget/vite.config.ts']);
run('console', [process.execPath, 'x', 'vite', '--config', 'console/vite.config.ts']);

console.log('[dev] server http://localhost:3000 · console with hot reload http://localhost:5173 · demo http://localhost:3000/demo');

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
