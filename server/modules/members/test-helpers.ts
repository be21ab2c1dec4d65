// Test helpers for the member-facing modules: members join through the real invitation flow.
import { expect } from 'bun:test';
import type { Role } from '../../../shared/types/enums';
import { TestClient, uniqueEmail, type TestServer } from '../../testing/harness';

/** The token from the newest invitation e-mail to `email`. */
export function invitationToken(server: TestServer, email: string): string {
  const mail = [...server.outbox].reverse().find((m) => m.to === email);
  if (!mail) throw new Error(`no mail to ${email}`);
  const match = /\/accept\?token=([^\s]+)/.exec(mail.text);
  if (!match) throw new Error('no invitation link in the mail');
  return decodeURIComponent(match[1]!);
}

/** Invites someone with `admin` and accepts as them; returns their signed-in client. */
export async function addMember(
  server: TestServer,
  admin: TestClient,
  role: Role,
  teamIds: string[] = [],
  name = `${role} ${Math.random().toString(36).slice(2, 6)}`,
) {
  const email = uniqueEmail(role);
  const invited = await admin.post('/api/invitations', { email, role, teamIds });
  expect(invited.status).toBe(201);
  const client = new TestClient(server.url);
  // Tests add many members from one address; the accept limit has its own test.
  server.ctx.limiter.reset();
  const accepted = await client.post('/api/invitations/accept', { token: invitationToken(server, email), name, password: 'member password 1' });
  expect(accepted.status).toBe(201);
  return { client, user: accepted.body.user, email, password: 'member password 1' };
}

/** Values that must never pass where a scalar belongs. */
export const OPERATOR = { $gt: '' };
