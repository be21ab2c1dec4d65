// Issue 15 item 13, DNS rebinding: a webhook delivery resolves the host once, checks that
// answer, and connects to exactly that address (with the real Host header). A name that
// answers a public address to the check and 127.0.0.1 to the connection never reaches the
// server's own network.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { Resolver } from '../webhooks/address-guard';
import { attemptDelivery, type DeliveryRuntime } from '../webhooks/deliver';
import { oid, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';

/** A local receiver standing for "the server's own network" (or, allowed, an on-premise bot). */
function receiver() {
  const got: { host: string | null; body: string }[] = [];
  const srv = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: async (req) => {
      got.push({ host: req.headers.get('host'), body: await req.text() });
      return new Response(null, { status: 204 });
    },
  });
  return { got, port: srv.port, stop: () => srv.stop(true) };
}

/** A resolver stub answering from a script, one answer per lookup, and counting the lookups. */
function scripted(...answers: string[][]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = ((hostname: string) => {
    calls.push(hostname);
    return Promise.resolve(answers[Math.min(calls.length, answers.length) - 1]!);
  }) as Resolver & { calls: string[] };
  resolve.calls = calls;
  return resolve;
}

async function pendingDelivery(server: TestServer, url: string) {
  const owner = await signUp(server);
  const repos = orgRepos(server, owner.org.id);
  await repos.organization.updateOne({}, { $set: { 'handoff.webhookUrl': url, 'handoff.webhookSecret': 'whsec_dns' } });
  const now = new Date();
  const delivery = await repos.webhookDeliveries.insert({
    eventId: `evt_dns_${now.getTime()}_${Math.random()}`,
    type: 'webhook.test',
    chatId: null,
    position: 0,
    body: JSON.stringify({ message: 'dns' }),
    status: 'pending',
    nextAttemptAt: now,
    createdAt: now,
  });
  return { orgId: oid(owner.org.id), id: delivery._id, repos };
}

const runtime = (server: TestServer, resolve: Resolver): DeliveryRuntime => ({
  ctx: server.ctx,
  // A short timeout: the public address of the stub is not expected to answer.
  settings: { ...server.ctx.config.webhooks, attempts: 1, timeoutMs: 800 },
  resolve,
  handOn: () => undefined,
});

let strict: TestServer;
let onPremise: TestServer;
beforeAll(async () => {
  strict = await startTestServer('security_webhook_dns');
  onPremise = await startTestServer('security_webhook_dns_private', { env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
});
afterAll(async () => {
  await strict.close();
  await onPremise.close();
});

test('a name answering public to the check and 127.0.0.1 afterwards never reaches the local receiver', async () => {
  const local = receiver();
  try {
    // `localhost`: any lookup but the checked one (the system's, when connecting) answers 127.0.0.1.
    const { orgId, id, repos } = await pendingDelivery(strict, `http://localhost:${local.port}/hook`);
    const resolve = scripted(['93.184.216.34'], ['127.0.0.1']);
    await attemptDelivery(runtime(strict, resolve), orgId, id, 'first');
    // Asked once; the connection went to the checked (public) address, which does not answer here.
    expect(resolve.calls).toEqual(['localhost']);
    expect(local.got).toHaveLength(0);
    const after = await repos.webhookDeliveries.findOne({ _id: id });
    expect(after).toMatchObject({ status: 'failed', attempts: 1 });
    expect(after!.lastError).toMatch(/^(Could not connect|No answer within)/);
  } finally {
    await local.stop();
  }
});

test('a name answering a private address to the check is refused before any connection', async () => {
  const local = receiver();
  try {
    const { orgId, id, repos } = await pendingDelivery(strict, `http://inside.example:${local.port}/hook`);
    await attemptDelivery(runtime(strict, scripted(['127.0.0.1'])), orgId, id, 'first');
    expect(local.got).toHaveLength(0);
    expect((await repos.webhookDeliveries.findOne({ _id: id }))!.lastError).toMatch(/^Refused: .*private or loopback/);
  } finally {
    await local.stop();
  }
});

test('a normal delivery connects to the resolved address and sends the real Host header (the name itself resolves nowhere)', async () => {
  const local = receiver();
  try {
    // `.invalid` never resolves through the system's DNS: only the pinned address can carry it.
    const { orgId, id, repos } = await pendingDelivery(onPremise, `http://bot.pinned.invalid:${local.port}/hook`);
    const resolve = scripted(['127.0.0.1']);
    await attemptDelivery(runtime(onPremise, resolve), orgId, id, 'first');
    expect(local.got).toEqual([{ host: `bot.pinned.invalid:${local.port}`, body: JSON.stringify({ message: 'dns' }) }]);
    expect(resolve.calls).toEqual(['bot.pinned.invalid']);
    expect(await repos.webhookDeliveries.findOne({ _id: id })).toMatchObject({ status: 'delivered', responseCode: 204 });
  } finally {
    await local.stop();
  }
});
