// The organization's outbound webhook as admins manage it in the console: the target URL, the
// signing secret (shown once, when generated or rotated), the delivery log and a test event.
import { ObjectId } from '../db/ids';
import type { Page } from '../../shared/types/dto';
import type { DeliveryStatus, WebhookConfigDto, WebhookDeliveryDto, WebhookEventType } from '../../shared/types/integrations';
import type { AppContext } from '../context';
import { canManageOrg } from '../domain/permissions';
import { badRequest, forbidden } from '../errors';
import type { WebhookDeliveryDoc } from '../db/types';
import type { OrganizationDoc } from '../db/types';
import { checkWebhookTarget } from './address-guard';
import { enqueueWebhook } from './dispatch';
import { eventIdFor } from './events';
import { actorOf } from '../services/access';
import { randomToken } from '../services/crypto';
import type { AgentAuth } from '../services/sessions';

export const WEBHOOK_EVENTS: WebhookEventType[] = ['chat.assigned', 'message.created', 'chat.ended'];

function requireAdmin(auth: AgentAuth): void {
  if (!canManageOrg(actorOf(auth.user))) throw forbidden('Only admins can manage the webhook');
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function configDto(org: Pick<OrganizationDoc, 'handoff'>, secret?: string): WebhookConfigDto {
  return { url: org.handoff?.webhookUrl ?? null, hasSecret: Boolean(org.handoff?.webhookSecret), events: WEBHOOK_EVENTS, ...(secret ? { secret } : {}) };
}

export function getWebhook(auth: AgentAuth): WebhookConfigDto {
  requireAdmin(auth);
  return configDto(auth.org);
}

export async function updateWebhook(ctx: AppContext, auth: AgentAuth, patch: { url?: string | null; rotateSecret?: boolean }): Promise<WebhookConfigDto> {
  requireAdmin(auth);
  const set: Record<string, unknown> = {};
  let url = auth.org.handoff?.webhookUrl ?? null;
  if (patch.url !== undefined) {
    url = patch.url === null || patch.url.trim() === '' ? null : patch.url.trim();
    if (url !== null) {
      const check = await checkWebhookTarget(url, { allowPrivate: ctx.config.webhookAllowPrivate });
      if (!check.ok) throw badRequest(check.reason, 'body.url');
      url = check.url.toString();
    }
    set['handoff.webhookUrl'] = url;
  }
  // A URL without a secret could not be verified by the receiver: the first URL brings one.
  let secret: string | undefined;
  if (patch.rotateSecret === true || (url !== null && !auth.org.handoff?.webhookSecret)) {
    secret = `whsec_${randomToken(32)}`;
    set['handoff.webhookSecret'] = secret;
  }
  if (Object.keys(set).length === 0) return configDto(auth.org);
  const updated = await ctx.repos.forOrg(auth.org._id).organization.findOneAndUpdate({}, { $set: set });
  return configDto(updated ?? auth.org, secret);
}

function deliveryDto(d: WebhookDeliveryDoc): WebhookDeliveryDto {
  let payload: unknown = null;
  try {
    payload = JSON.parse(d.body);
  } catch {
    payload = d.body;
  }
  return {
    id: d._id.toString(),
    eventId: d.eventId,
    type: d.type,
    chatId: d.chatId ? d.chatId.toString() : null,
    status: d.status,
    attempts: d.attempts ?? 0,
    lastError: d.lastError ?? null,
    responseCode: d.responseCode ?? null,
    url: d.url ?? null,
    createdAt: d.createdAt.toISOString(),
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    deliveredAt: iso(d.deliveredAt),
    payload,
  };
}

const encodeCursor = (d: WebhookDeliveryDoc) => Buffer.from(`${d.createdAt.getTime()}|${d._id.toHexString()}`).toString('base64url');
function decodeCursor(raw: string): { at: Date; id: ObjectId } {
  const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (!at || !/^\d{1,15}$/.test(at) || !id || !/^[0-9a-f]{24}$/.test(id)) throw badRequest('query.cursor: not a cursor this server issued', 'query.cursor');
  return { at: new Date(Number(at)), id: new ObjectId(id) };
}

/** The delivery log, newest first. */
export async function listDeliveries(
  ctx: AppContext,
  auth: AgentAuth,
  q: { status?: DeliveryStatus; chatId?: string; cursor?: string; limit?: number },
): Promise<Page<WebhookDeliveryDto>> {
  requireAdmin(auth);
  const limit = q.limit ?? 50;
  const and: Record<string, unknown>[] = [{ orgId: auth.org._id }];
  if (q.status) and.push({ status: q.status });
  if (q.chatId) {
    if (!/^[0-9a-fA-F]{24}$/.test(q.chatId)) throw badRequest('query.chatId: not a chat id', 'query.chatId');
    and.push({ chatId: new ObjectId(q.chatId) });
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    and.push({ $or: [{ createdAt: { $lt: c.at } }, { createdAt: c.at, _id: { $lt: c.id } }] });
  }
  const rows = await ctx.repos.forOrg(auth.org._id).webhookDeliveries.find({ $and: and }, { sort: { createdAt: -1, _id: -1 }, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(deliveryDto), next: rows.length > limit && last ? encodeCursor(last) : null };
}

/** A `webhook.test` event through the normal delivery path, to check URL and signature. */
export async function sendTestEvent(ctx: AppContext, auth: AgentAuth): Promise<WebhookDeliveryDto> {
  requireAdmin(auth);
  if (!auth.org.handoff?.webhookUrl) throw badRequest('Set a webhook URL first', 'url');
  const orgId = auth.org._id.toString();
  const eventId = eventIdFor(orgId, `test:${randomToken(12)}`);
  const delivery = await enqueueWebhook(ctx, {
    eventId,
    type: 'webhook.test',
    orgId,
    chatId: null,
    position: 0,
    payload: { id: eventId, type: 'webhook.test', createdAt: ctx.clock.now().toISOString(), organizationId: orgId, data: { message: 'Phoenix Chat webhook test' } },
  });
  return deliveryDto(delivery!);
}
