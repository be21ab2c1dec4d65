// A paused agent socket during `total` messages: the agent subscribes to the chat, then stops
// reading while a visitor sends. Past WS_BACKPRESSURE_LIMIT_BYTES the server closes it (code
// 4029, a log line); the agent reads what was queued, reconnects, resumes from its highest
// contiguous seq and must end with every message. Prints the server's RSS before and after.
// Texts are padded (--text-size) so 10,000 frames outgrow what the kernel's socket buffers on
// loopback absorb (about 4 MB) and the server's own queue has to grow.
//
//   npx bun scripts/faults/paused.ts [--total 10000] [--limit 1048576] [--text-size 1000]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PausedSocket } from '../../server/testing/paused-socket';
import { waitFor } from '../../server/testing/wait';
import { ResumingAgent, WindowedSender, conversation, storedMessages } from './clients';
import { countIn, freePort, startServerProcess, startStandinProcess } from './lib';

const rssMb = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

export async function runPaused(opts: { total: number; limitBytes: number; textSize?: number; timeoutMs?: number }) {
  const timeout = opts.timeoutMs ?? 300_000;
  const standin = await startStandinProcess();
  const server = await startServerProcess({ port: await freePort(), mongoUri: standin.uri, env: { WS_BACKPRESSURE_LIMIT_BYTES: String(opts.limitBytes) } });
  try {
    const chat = await conversation(server.url);
    const paused = await PausedSocket.open(`${server.url.replace('http', 'ws')}/ws`, { cookie: chat.cookie });
    paused.send({ type: 'chat.subscribe', chatId: chat.chatId, afterSeq: 0 });
    await waitFor(() => paused.texts.some((t) => t.includes('"chat.replayed"')), { what: 'the replay' });
    paused.pause();
    const rssBefore = rssMb(server.proc.pid);
    const sender = new WindowedSender(() => server.url, chat.token, chat.chatId, opts.total, 8, 'm', opts.textSize ?? 0);
    sender.connect();
    await waitFor(() => sender.done(), { timeout, interval: 100, what: 'every message acked' });
    const rssAfter = rssMb(server.proc.pid);
    const closedLogged = countIn(server.logs, 'past its backpressure limit');
    paused.resume();
    // Closed past the limit, or (if everything fit in the kernel's buffers) every message read.
    const readAll = () => paused.texts.filter((t) => t.includes('"message.created"')).length >= opts.total;
    await waitFor(() => paused.closeCode !== null || paused.ended || readAll(), { timeout: 30_000, what: 'the paused socket to be closed' });
    // What it had read before the close, then a resume from its highest contiguous seq.
    const agent = new ResumingAgent(() => server.url, chat.cookie, [chat.chatId]);
    const got = agent.got.get(chat.chatId)!;
    let receivedWhilePaused = 0;
    for (const text of paused.texts) {
      const frame = JSON.parse(text) as { type: string; message?: { seq: number } };
      if (frame.type === 'message.created' && frame.message) {
        got.add(frame.message.seq);
        receivedWhilePaused++;
      }
    }
    const resumeFrom = agent.contiguous(chat.chatId);
    agent.connect();
    const stored = await storedMessages(chat.owner, chat.chatId);
    let endsWithAll = true;
    await agent.holds(chat.chatId, stored.map((m) => m.seq), 60_000).catch(() => (endsWithAll = false));
    sender.stop();
    agent.stop();
    paused.destroy();
    return {
      scenario: 'paused agent socket',
      messages: opts.total,
      textSize: opts.textSize ?? 0,
      limitBytes: opts.limitBytes,
      closeCode: paused.closeCode,
      closedLogLines: closedLogged,
      receivedBeforeClose: receivedWhilePaused,
      resumedFromSeq: resumeFrom,
      stored: stored.length,
      agentEndsWithAll: endsWithAll,
      agentHolds: got.size,
      serverRssMb: { beforeSends: rssBefore, afterSends: rssAfter },
    };
  } finally {
    await server.kill('SIGKILL');
    await standin.kill();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { total: { type: 'string', default: '10000' }, limit: { type: 'string', default: '1048576' }, 'text-size': { type: 'string', default: '1000' } } });
  console.log(JSON.stringify(await runPaused({ total: Number(values.total), limitBytes: Number(values.limit), textSize: Number(values['text-size']) }), null, 2));
  process.exit(0);
}
