// The event bus killed during a conversation across two instances. Its own redis-server on a
// spare port (never the shared one), killed by its pid for `outageMs` and started again on the
// same port. The visitor talks to instance B; agents sit on A and on B. Figures: acks during the
// outage, live delivery on B meanwhile, /health on A, a third instance started while Redis is down,
// and how long after the bus returns every agent socket holds every stored message.
//
//   npx bun scripts/faults/bus.ts [--outage-ms 10000] [--pace-ms 100]
import { parseArgs } from 'node:util';
import { waitFor } from '../../server/testing/wait';
import { ResumingAgent, WindowedSender, conversation, storedMessages } from './clients';
import { freePort, startRedis, startServerProcess, startStandinProcess, type Child } from './lib';

const health = async (url: string) => (await fetch(`${url}/health`).then((r) => r.json()).catch(() => null)) as Record<string, unknown> | null;

export async function runBusOutage(opts: { outageMs: number; paceMs: number }) {
  const redisPort = await freePort();
  let redis: Child = await startRedis(redisPort);
  const standin = await startStandinProcess();
  const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}` };
  const a = await startServerProcess({ port: await freePort(), mongoUri: standin.uri, env });
  const b = await startServerProcess({ port: await freePort(), mongoUri: standin.uri, env });
  const extra: Child[] = [];
  try {
    const chat = await conversation(b.url);
    const onA = new ResumingAgent(() => a.url, chat.cookie, [chat.chatId]);
    const onB = new ResumingAgent(() => b.url, chat.cookie, [chat.chatId]);
    onA.connect();
    onB.connect();
    const sender = new WindowedSender(() => b.url, chat.token, chat.chatId, 1_000_000, 1);
    sender.paceMs = opts.paceMs;
    sender.connect();
    await waitFor(() => sender.acked.size >= 5 && onA.got.get(chat.chatId)!.size >= 5, { timeout: 10_000, what: 'a live conversation' });

    await redis.kill('SIGKILL');
    const outageStart = Date.now();
    const ackedAtKill = sender.acked.size;
    const ackMsFrom = sender.ackMs.length;
    await waitFor(async () => (await health(a.url))?.status === 'degraded', { timeout: 3_000 }).catch(() => undefined);
    const healthDuringOutage = await health(a.url);
    // A third instance starts while Redis is down.
    const c = await startServerProcess({ port: await freePort(), mongoUri: standin.uri, env, requireHealthy: false }).then(
      (started) => (extra.push(started), true),
      () => false,
    );
    await waitFor(() => Date.now() - outageStart >= opts.outageMs, { timeout: opts.outageMs + 5_000, interval: 100 });
    const sentDuringOutage = sender.acked.size - ackedAtKill;
    const stored = await storedMessages(chat.owner, chat.chatId);
    const deliveredLocallyDuringOutage = stored.filter((m) => onB.got.get(chat.chatId)!.has(m.seq)).length;
    const outageAcks = sender.ackMs.slice(ackMsFrom);

    redis = await startRedis(redisPort);
    const back = Date.now();
    sender.finish();
    await waitFor(() => sender.done(), { timeout: 10_000, what: 'the last acks' });
    const all = await storedMessages(chat.owner, chat.chatId);
    const seqs = all.map((m) => m.seq);
    const caughtUp = await Promise.all(
      [onA, onB].map((agent) =>
        agent.holds(chat.chatId, seqs, 15_000).then(
          () => Date.now() - back,
          () => null,
        ),
      ),
    );
    sender.stop();
    onA.stop();
    onB.stop();
    return {
      scenario: 'event bus killed across two instances',
      outageMs: opts.outageMs,
      ackedDuringOutage: sentDuringOutage,
      ackMsDuringOutage: { max: Math.max(0, ...outageAcks), median: outageAcks.sort((x, y) => x - y)[Math.floor(outageAcks.length / 2)] ?? null },
      storedByOutageEnd: stored.length,
      agentOnBHeldByOutageEnd: deliveredLocallyDuringOutage,
      healthOnADuringOutage: healthDuringOutage,
      thirdInstanceStartedWhileRedisDown: c,
      stored: all.length,
      msAfterBusReturnUntilAgentHoldsAll: { agentOnA: caughtUp[0], agentOnB: caughtUp[1] },
      agentOnAOutOfSeqOrder: onA.outOfOrder,
      agentOnBOutOfSeqOrder: onB.outOfOrder,
      agentCloseCodes: { onA: onA.closes, onB: onB.closes },
      healthOnAAfter: await health(a.url),
    };
  } finally {
    for (const c of extra) await c.kill('SIGKILL');
    await a.kill('SIGKILL');
    await b.kill('SIGKILL');
    await standin.kill();
    await redis.kill('SIGKILL');
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'outage-ms': { type: 'string', default: '10000' }, 'pace-ms': { type: 'string', default: '100' } } });
  console.log(JSON.stringify(await runBusOutage({ outageMs: Number(values['outage-ms']), paceMs: Number(values['pace-ms']) }), null, 2));
  process.exit(0);
}
