// Test set-up through the public routes only: an API key made by the owner in the console, the
// webhook pointed at a simulator, agents provisioned through the API and signed in.
import { TestClient, uniqueEmail } from '../../server/testing/harness';
import { waitFor as waitForCondition } from '../helpers/wait';
import { PhoenixApiClient } from './api-client';
import type { BotSimulator } from './simulator';

export async function createKey(
  owner: TestClient,
  opts: { name?: string; signatureRequired?: boolean; rateLimitPerMinute?: number; scopes?: string[] } = {},
): Promise<{ id: string; key: string }> {
  const res = await owner.post('/api/integrations/api-keys', { name: opts.name ?? 'Flow XO', ...opts });
  if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, key: res.body.key };
}

/** Points the organization's webhook at the simulator and hands the simulator the secret. */
export async function connectWebhook(owner: TestClient, sim: BotSimulator): Promise<void> {
  const res = await owner.patch('/api/integrations/webhook', { url: sim.webhookUrl });
  if (res.status !== 200 || typeof res.body.secret !== 'string') throw new Error(`webhook setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  sim.secret = res.body.secret;
}

/** A member created through POST /api/v1/members and signed in to the console. */
export async function provisionAgent(api: PhoenixApiClient, name: string, teamIds: string[], role = 'agent') {
  const email = uniqueEmail(name.toLowerCase().replace(/\W+/g, '-'));
  const password = `${name} password 1`;
  const created = await api.request('POST', '/api/v1/members', { email, name, password, role, teamIds });
  if (created.status !== 201) throw new Error(`member creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  const client = new TestClient(api.baseUrl);
  const login = await client.post('/api/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return { id: created.body.id as string, email, client };
}

/** Polls `probe` until it returns something truthy; fails with `what` after the timeout (e2e/helpers/wait.ts). */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 5_000): Promise<T> {
  return (await waitForCondition(`timed out waiting for ${what}`, async () => (await probe()) || null, { timeoutMs, intervalMs: 20 })) as T;
}
