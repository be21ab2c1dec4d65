// kill -9 during sends: a visitor sends `total` messages with `window` in flight; the server
// process is killed with SIGKILL when `killAt` of them were acked, and started again on the same
// port (the stand-in is its own process, so the data survives). The visitor resends what is
// unacked after reconnecting; an agent resumes from its highest contiguous seq.
//
//   npx bun scripts/faults/kill9.ts [--total 1000] [--window 8] [--kills 300,700]
import { parseArgs } from 'node:util';
import { waitFor } from '../../server/testing/wait';
import { liveConversation, storedFigures, storedMessages } from './clients';
import { freePort, startServerProcess, startStandinProcess, type ServerChild } from './lib';

export async function runKill9(opts: { total: number; window: number; kills: number[]; timeoutMs?: number }) {
  const timeout = opts.timeoutMs ?? 120_000;
  const standin = await startStandinProcess();
  const port = await freePort();
  const start = () => startServerProcess({ port, mongoUri: standin.uri });
  let server: ServerChild = await start();
  try {
    const { chat, agent, sender } = await liveConversation(() => server.url, opts.total, opts.window);
    for (const at of opts.kills) {
      await waitFor(() => sender.acked.size >= at, { timeout, what: `${at} acks` });
      await server.kill('SIGKILL');
      server = await start();
    }
    await waitFor(() => sender.done(), { timeout, what: 'every message acked' });
    const stored = await storedMessages(chat.owner, chat.chatId);
    const seqs = stored.map((m) => m.seq);
    let agentHasAll = true;
    try {
      await agent.holds(chat.chatId, seqs, 15_000);
    } catch {
      agentHasAll = false;
    }
    sender.stop();
    agent.stop();
    const figures = storedFigures(stored, sender.prefix, sender.acked);
    return {
      scenario: 'kill -9 during sends',
      sends: opts.total,
      inFlight: opts.window,
      killedAtAcks: opts.kills,
      ...figures,
      agentReceived: agent.got.get(chat.chatId)!.size,
      agentHasAll,
      agentOutOfSeqOrder: agent.outOfOrder,
      sendErrors: sender.errors,
    };
  } finally {
    await server.kill('SIGKILL');
    await standin.kill();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { total: { type: 'string', default: '1000' }, window: { type: 'string', default: '8' }, kills: { type: 'string', default: '300,700' } } });
  const result = await runKill9({ total: Number(values.total), window: Number(values.window), kills: values.kills.split(',').map(Number) });
  console.log(JSON.stringify(result, null, 2));
  process.exit(0);
}
