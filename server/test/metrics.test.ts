// /metrics for operators: off unless configured, guarded by METRICS_TOKEN on the main port or
// served on METRICS_PORT, and its figures move with what the server does.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { metricSample } from '../../scripts/bench/measure';
import { freePort } from '../../scripts/faults/lib';
import { JOB } from '../jobs/names';
import { newVisitor, orgRepos, signUp, startTestServer, type TestServer } from '../testing/harness';
import { TestSocket } from '../testing/socket';
import { waitFor } from '../testing/wait';

const TOKEN = 'metrics-token-0123456789';

describe('/metrics switched off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('metrics-off');
  });
  afterAll(async () => {
    await server.close();
  });

  test('answers 404 when neither METRICS_TOKEN nor METRICS_PORT is set', async () => {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
  });
});

describe('/metrics behind METRICS_TOKEN', () => {
  let server: TestServer;
  const scrape = () => fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  beforeAll(async () => {
    server = await startTestServer('metrics-token', { env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await server.close();
  });

  test('answers 401 without the token or with a wrong one', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN.slice(1)}x` } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  test('serves Prometheus text with the process, bus, job and webhook figures', async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds', 'phoenix_job_lag_seconds', 'phoenix_webhook_queue_depth']) {
      expect(metricSample(text, name)).not.toBeNull();
    }
    expect(metricSample(text, 'phoenix_bus_up')).toBe(1);
    expect(metricSample(text, 'phoenix_webhook_queue_depth')).toBe(0);
  });

  test("a visitor's message raises the latency and store-time counts; an open visitor socket counts", async () => {
    const owner = await signUp(server);
    const visitor = await newVisitor(server, owner.org.widgetKey);
    const chat = await visitor.startChat();
    const before = await (await scrape()).text();
    const latencyBefore = metricSample(before, 'phoenix_message_latency_seconds_count{author="contact"}') ?? 0;
    const storeBefore = metricSample(before, 'phoenix_message_store_seconds_count') ?? 0;
    const socketsBefore = metricSample(before, 'phoenix_sockets{kind="visitor"}') ?? 0;

    expect((await visitor.say(chat.id, 'hello, metrics')).status).toBe(201);
    const socket = await TestSocket.open(`${server.url.replace('http', 'ws')}/ws/visitor`);
    socket.send({ type: 'auth', token: visitor.token });
    await socket.next('ready');

    const after = await (await scrape()).text();
    expect(metricSample(after, 'phoenix_message_latency_seconds_count{author="contact"}')).toBe(latencyBefore + 1);
    expect(metricSample(after, 'phoenix_message_store_seconds_count')).toBe(storeBefore + 1);
    expect(metricSample(after, 'phoenix_sockets{kind="visitor"}')).toBe(socketsBefore + 1);
    socket.ws.close();
    await waitFor(async () => metricSample(await (await scrape()).text(), 'phoenix_sockets{kind="visitor"}') === socketsBefore, { what: 'the closed socket to leave the gauge' });
  });
});

describe('webhook queue depth', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('metrics-webhooks', { env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await server.close();
  });

  test('phoenix_webhook_queue_depth counts pending deliveries, not finished ones', async () => {
    const scrape = async () => metricSample(await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text(), 'phoenix_webhook_queue_depth');
    const owner = await signUp(server);
    const deliveries = orgRepos(server, owner.org.id).webhookDeliveries;
    // Due in an hour, so neither the first attempt nor the sweep takes them meanwhile.
    const later = new Date(Date.now() + 3_600_000);
    const delivery = (eventId: string, status: 'pending' | 'delivered') =>
      deliveries.insert({ eventId, type: 'webhook.test', chatId: null, position: 0, body: '{}', status, nextAttemptAt: later, createdAt: new Date() });
    await delivery(`m-${crypto.randomUUID()}`, 'pending');
    await delivery(`m-${crypto.randomUUID()}`, 'pending');
    await delivery(`m-${crypto.randomUUID()}`, 'delivered');
    expect(await scrape()).toBe(2);
  });
});

describe('job lag', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The server's clock runs a minute ahead of Agenda's (the wall clock): a job Agenda holds back
    // for 30 s more is, to the server, 30 s overdue and untaken.
    server = await startTestServer('metrics-job-lag', { env: { METRICS_TOKEN: TOKEN }, clock: { now: () => new Date(Date.now() + 60_000) } });
  });
  afterAll(async () => {
    await server.close();
  });

  test('phoenix_job_lag_seconds is how long the oldest due, untaken job has waited', async () => {
    const scrape = async () => metricSample(await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text(), 'phoenix_job_lag_seconds');
    expect(await scrape()).toBe(0);
    const data = { orgId: '0'.repeat(24), teamId: '1'.repeat(24) };
    await server.ctx.jobs.schedule(new Date(Date.now() + 30_000), JOB.teamDrain, data);
    const lag = await scrape();
    expect(lag).toBeGreaterThan(25);
    expect(lag).toBeLessThan(35);
    await server.ctx.jobs.cancel(JOB.teamDrain, data);
    expect(await scrape()).toBe(0);
  });
});

describe('/metrics on METRICS_PORT', () => {
  let server: TestServer;
  let port: number;
  let closed = false;
  beforeAll(async () => {
    port = await freePort();
    server = await startTestServer('metrics-port', { env: { METRICS_PORT: String(port) } });
  });
  afterAll(async () => {
    if (!closed) await server.close();
  });

  test('the metrics listener serves /metrics and nothing else; the main port does not serve it', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(metricSample(await res.text(), 'phoenix_sockets{kind="agent"}')).toBe(0);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  test('the listener closes with the server', async () => {
    closed = true;
    await server.close();
    const refused = await fetch(`http://127.0.0.1:${port}/metrics`).then(() => false, () => true);
    expect(refused).toBe(true);
  });
});
