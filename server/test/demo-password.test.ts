// Issue #15 item 17: the demo organization's owner password is generated per installation (never
// the old fixed `phoenix-demo`), shown on /demo and in the start log, and the owner can switch
// /demo off from the console — then it is a 404, the published password stops working, and a
// restart does not switch it back on.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createLogger } from '../logger';
import { hashPassword } from '../services/passwords';
import { DEMO_OWNER, ensureDemoOrganization } from '../services/demo';
import { addMember, oid, orgRepos, signUp, startTestServer, TestClient, type TestServer } from '../testing/harness';

const DEMO_ENV = { PHOENIX_DEMO: 'true' };
let server: TestServer;
let other: TestServer;
beforeAll(async () => {
  [server, other] = await Promise.all([startTestServer('demo_password', { env: DEMO_ENV }), startTestServer('demo_password_other', { env: DEMO_ENV })]);
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});

async function demoPage(base: string): Promise<{ status: number; html: string; login: { email: string; password: string } | null }> {
  const res = await fetch(`${base}/demo`);
  const html = await res.text();
  const email = /<code data-demo-login>([^<]+)<\/code>/.exec(html)?.[1];
  const password = /<code data-demo-password>([^<]+)<\/code>/.exec(html)?.[1];
  return { status: res.status, html, login: email && password ? { email, password } : null };
}

const login = async (base: string, email: string, password: string) => {
  const client = new TestClient(base);
  const res = await client.post('/api/auth/login', { email, password });
  return { status: res.status, client };
};

/** What ensureDemoOrganization (run at every start with PHOENIX_DEMO on) writes to the log. */
async function startLog(target: TestServer): Promise<string> {
  const lines: string[] = [];
  await ensureDemoOrganization({ ...target.ctx, log: createLogger({ level: 'info', pretty: false, write: (l) => lines.push(l) }) });
  return lines.join('\n');
}

describe('the demo password', () => {
  test('is generated per installation, shown on /demo and in the start log, and signs in; the old fixed one does not', async () => {
    const [mine, theirs] = await Promise.all([demoPage(server.url), demoPage(other.url)]);
    expect(mine.status).toBe(200);
    expect(mine.login?.email).toBe(DEMO_OWNER.email);
    const password = mine.login!.password;
    expect(password).not.toBe('phoenix-demo');
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(mine.html).not.toContain('phoenix-demo');
    // Another installation has another password.
    expect(theirs.login!.password).not.toBe(password);

    expect((await login(server.url, DEMO_OWNER.email, password)).status).toBe(200);
    expect((await login(server.url, DEMO_OWNER.email, 'phoenix-demo')).status).toBe(401);
    expect((await login(server.url, DEMO_OWNER.email, theirs.login!.password)).status).toBe(401);

    // Every start prints it (not only the first), so the operator finds it in the log.
    const log = await startLog(server);
    expect(log).toContain(password);
    expect(log).toContain(DEMO_OWNER.email);
  });

  test('an install made with the old fixed password gets a generated one at start', async () => {
    const demo = (await demoOrgOf(other))!;
    // As such an install has it: the fixed password on the demo accounts, no demo state.
    const fixed = await hashPassword(other.ctx.config, 'phoenix-demo');
    await orgRepos(other, demo.orgId).members.updateMany({ email: { $regex: '@demo\\.phoenix\\.chat$' } }, { $set: { passwordHash: fixed } });
    await orgRepos(other, demo.orgId).organization.updateOne({}, { $unset: { demo: 1 } });
    expect((await login(other.url, DEMO_OWNER.email, 'phoenix-demo')).status).toBe(200);

    const log = await startLog(other);
    expect((await login(other.url, DEMO_OWNER.email, 'phoenix-demo')).status).toBe(401);
    const page = await demoPage(other.url);
    expect(page.login!.password).not.toBe('phoenix-demo');
    expect(log).toContain(page.login!.password);
    expect((await login(other.url, DEMO_OWNER.email, page.login!.password)).status).toBe(200);
  });
});

/** The other installation's demo organization id (created at its start). */
async function demoOrgOf(target: TestServer): Promise<{ orgId: string } | null> {
  const owner = await target.ctx.repos.crossOrg.userByEmail(DEMO_OWNER.email);
  return owner ? { orgId: owner.orgId.toString() } : null;
}

describe('switching /demo off and on', () => {
  test('only the demo organization has the switch, and only its owner may use it', async () => {
    const stranger = await signUp(server, { orgName: 'Not the demo' });
    expect((await stranger.client.get('/api/org/demo-page')).body).toEqual({ isDemo: false, enabled: false, login: null, password: null });
    const put = await stranger.client.put('/api/org/demo-page', { enabled: false });
    expect(put.status).toBe(404);
    expect((await demoPage(server.url)).status).toBe(200);

    const { password } = (await demoPage(server.url)).login!;
    const owner = (await login(server.url, DEMO_OWNER.email, password)).client;
    const admin = await addMember(server, owner, { role: 'admin' });
    expect((await admin.client.get('/api/org/demo-page')).body).toMatchObject({ isDemo: true, enabled: true, login: DEMO_OWNER.email, password });
    expect((await admin.client.put('/api/org/demo-page', { enabled: false })).status).toBe(403);
    const agent = await addMember(server, owner, { role: 'agent' });
    expect((await agent.client.get('/api/org/demo-page')).status).toBe(403);
    expect((await new TestClient(server.url).get('/api/org/demo-page')).status).toBe(401);

    for (const body of [{ enabled: 'no' }, {}, { enabled: false, extra: 1 }]) {
      const res = await owner.put('/api/org/demo-page', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await owner.put('/api/org/demo-page', { enabled: 'no' })).body.error.field).toBe('body.enabled');
    expect((await demoPage(server.url)).login?.password).toBe(password);
  });

  test('off: /demo is a 404 showing no login, the published password stops working, and a restart keeps it off', async () => {
    const { password } = (await demoPage(server.url)).login!;
    const owner = (await login(server.url, DEMO_OWNER.email, password)).client;
    const otherSession = (await login(server.url, DEMO_OWNER.email, password)).client;

    const off = await owner.put('/api/org/demo-page', { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ isDemo: true, enabled: false, login: DEMO_OWNER.email });
    // The accounts that had the published password got a new one, shown this once.
    const replaced = off.body.password as string;
    expect(replaced).not.toBe(password);

    const page = await demoPage(server.url);
    expect(page.status).toBe(404);
    expect(page.login).toBeNull();
    expect(page.html).not.toContain(password);
    expect(page.html).not.toContain(DEMO_OWNER.email);
    expect(page.html).not.toContain('data-org');
    expect((await login(server.url, DEMO_OWNER.email, password)).status).toBe(401);
    expect((await login(server.url, DEMO_OWNER.email, replaced)).status).toBe(200);
    // The owner who switched it stays signed in; other sessions of that account end.
    expect((await owner.get('/api/auth/me')).status).toBe(200);
    expect((await otherSession.get('/api/auth/me')).status).toBe(401);
    expect((await owner.get('/api/org/demo-page')).body).toMatchObject({ enabled: false, password: null });
    // Nothing keeps the clear text.
    const org = await orgRepos(server, (await owner.get('/api/org')).body.id).organization.findOne();
    expect(org?.demo).toEqual({ pageOn: false, password: null });

    // A restart (another instance on the same database runs the start steps) keeps it off and
    // prints no login.
    const log = await startLog(server);
    expect(log).not.toContain(replaced);
    expect(log).toContain('demo page is off');
    const restarted = await startTestServer('demo_password_restart', { env: DEMO_ENV, database: server.database });
    try {
      expect((await demoPage(restarted.url)).status).toBe(404);
    } finally {
      await restarted.close();
    }

    // On again: the demo owner gets a new password, which /demo shows.
    const on = await owner.put('/api/org/demo-page', { enabled: true });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ isDemo: true, enabled: true });
    const shown = await demoPage(server.url);
    expect(shown.status).toBe(200);
    expect(shown.login!.password).toBe(on.body.password);
    expect(shown.login!.password).not.toBe(replaced);
    expect((await login(server.url, DEMO_OWNER.email, shown.login!.password)).status).toBe(200);
    expect((await owner.get('/api/auth/me')).status).toBe(200);
    expect(oid((await owner.get('/api/org')).body.id).toString()).toBe(org!._id.toString());
  });
});
