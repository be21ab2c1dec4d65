// The organization's outbound webhook as admins manage it in the console (and the bot platform
// through /api/v1/webhook): the target URL, the subscribed events, the signing secret (shown
// once, when generated or rotated; the old one keeps signing for WEBHOOK_SECRET_OVERLAP_HOURS),
// the delivery log, a test event and redelivering one delivery.
import { ObjectId, isObjectIdString } from '../db/ids';
import type { Page } from '../../shared/types/dto';
import { WEBHOOK_SECRET_OVERLAP_HOURS, WEBHOOK_SUBSCRIBABLE_EVENTS, type DeliveryStatus, type WebhookConfigDto, type WebhookDeliveryDto, type WebhookPatch, type WebhookSubscribableEvent } from '../../shared/types/integrations';
import type { AppContext } from '../context';
import { canManageOrg } from '../domain/permissions';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import type { WebhookDeliveryDoc } from '../db/types';
import type { OrganizationDoc } from '../db/types';
import { checkWebhookTarget } from './address-guard';
import { dispatcherOf, enqueueWebhook, subscribed } from './dispatch';
import { eventIdFor } from './events';
import { actorOf } from '../services/access';
import { randomToken } from '../services/crypto';
import type { AgentAuth } from '../services/sessions';

export const WEBHOOK_EVENTS: WebhookSubscribableEvent[] = [...WEBHOOK_SUBSCRIBABLE_EVENTS];

function requireAdmin(auth: AgentAuth): void {
  if (!canManageOrg(actorOf(auth.user))) throw forbidden('Only admins can manage the webhook');
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** The organization as the webhook functions need it; the console passes auth.org, the API api.org. */
type WebhookOrg = Pick<OrganizationDoc, '_id' | 'handoff'>;

function configDto(ctx: AppContext, org: Pick<OrganizationDoc, 'handoff'>, secret?: string): WebhookConfigDto {
  const h = org.handoff;
  const until = h?.webhookPreviousSecret && h.webhookPreviousSecretUntil && h.webhookPreviousSecretUntil > ctx.clock.now() ? h.webhookPreviousSecretUntil : null;
  return {
    url: h?.webhookUrl ?? null,
    hasSecret: Boolean(h?.webhookSecret),
    events: WEBHOOK_EVENTS.filter((type) => subscribed(h, type)),
    availableEvents: WEBHOOK_EVENTS,
    previousSecretValidUntil: iso(until),
    ...(secret ? { secret } : {}),
  };
}

export function getWebhook(ctx: AppContext, auth: AgentAuth): WebhookConfigDto {
  requireAdmin(auth);
  return webhookConfig(ctx, auth.org);
}

export const webhookConfig = (ctx: AppContext, org: WebhookOrg): WebhookConfigDto => configDto(ctx, org);

export async function updateWebhook(ctx: AppContext, auth: AgentAuth, patch: WebhookPatch): Promise<WebhookConfigDto> {
  requireAdmin(auth);
  return changeWebhook(ctx, auth.org, patch);
}

/** Sets the URL, the subscribed events, or rotates the secret (the old one stays valid for the overlap). */
export async function changeWebhook(ctx: AppContext, org: WebhookOrg, patch: WebhookPatch): Promise<WebhookConfigDto> {
  const set: Record<string, unknown> = {};
  let url = org.handoff?.webhookUrl ?? null;
  if (patch.url !== undefined) {
    url = patch.url === null || patch.url.trim() === '' ? null : patch.url.trim();
    if (url !== null) {
      const check = await checkWebhookTarget(url, { allowPrivate: ctx.config.webhookAllowPrivate });
      if (!check.ok) throw badRequest(check.reason, 'body.url');
      url = check.url.toString();
    }
    set['handoff.webhookUrl'] = url;
  }
  if (patch.events !== undefined) {
    // Stored in the canonical order, each once.
    set['handoff.webhookEvents'] = WEBHOOK_EVENTS.filter((type) => patch.events!.includes(type));
  }
  // A URL without a secret could not be verified by the receiver: the first URL brings one.
  let secret: string | undefined;
  const current = org.handoff?.webhookSecret ?? null;
  if (patch.rotateSecret === true || (url !== null && !current)) {
    secret = `whsec_${randomToken(32)}`;
    set['handoff.webhookSecret'] = secret;
    // The receiver cannot switch at the same instant: the old secret signs too, for a while.
    set['handoff.webhookPreviousSecret'] = current;
    set['handoff.webhookPreviousSecretUntil'] = current ? new Date(ctx.clock.now().getTime() + WEBHOOK_SECRET_OVERLAP_HOURS * 3_600_000) : null;
  }
  if (Object.keys(set).length === 0) return configDto(ctx, org);
  const updated = await ctx.repos.forOrg(org._id).organization.findOneAndUpdate({}, { $set: set });
  return configDto(ctx, updated ?? org, secret);
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
  return deliveryLog(ctx, auth.org, q);
}

export async function deliveryLog(
  ctx: AppContext,
  org: WebhookOrg,
  q: { status?: DeliveryStatus; chatId?: string; cursor?: string; limit?: number },
): Promise<Page<WebhookDeliveryDto>> {
  const limit = q.limit ?? 50;
  const and: Record<string, unknown>[] = [{ orgId: org._id }];
  if (q.status) and.push({ status: q.status });
  if (q.chatId) {
    if (!/^[0-9a-fA-F]{24}$/.test(q.chatId)) throw badRequest('query.chatId: not a chat id', 'query.chatId');
    and.push({ chatId: new ObjectId(q.chatId) });
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    and.push({ $or: [{ createdAt: { $lt: c.at } }, { createdAt: c.at, _id: { $lt: c.id } }] });
  }
  const rows = await ctx.repos.forOrg(org._id).webhookDeliveries.find({ $and: and }, { sort: { createdAt: -1, _id: -1 }, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(deliveryDto), next: rows.length > limit && last ? encodeCursor(last) : null };
}

/** A `webhook.test` event through the normal delivery path, to check URL and signature. */
export async function sendTestEvent(ctx: AppContext, auth: AgentAuth): Promise<WebhookDeliveryDto> {
  requireAdmin(auth);
  return testWebhook(ctx, auth.org);
}

export async function testWebhook(ctx: AppContext, org: WebhookOrg): Promise<WebhookDeliveryDto> {
  if (!org.handoff?.webhookUrl) throw badRequest('Set a webhook URL first', 'url');
  const orgId = org._id.toString();
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

export async function redeliverAsAdmin(ctx: AppContext, auth: AgentAuth, deliveryId: string): Promise<WebhookDeliveryDto> {
  requireAdmin(auth);
  return redeliver(ctx, auth.org, deliveryId);
}

/**
 * Sends a delivery again, now: the same body and event id (the receiver deduplicates on it),
 * with fresh attempts. A failed one is pending again; a delivered one is sent once more.
 */
export async function redeliver(ctx: AppContext, org: WebhookOrg, deliveryId: string): Promise<WebhookDeliveryDto> {
  if (!isObjectIdString(deliveryId)) throw notFound('Delivery');
  const deliveries = ctx.repos.forOrg(org._id).webhookDeliveries;
  if (!(await deliveries.findOne({ _id: new ObjectId(deliveryId) }, { projection: { _id: 1 } }))) throw notFound('Delivery');
  if (!org.handoff?.webhookUrl) throw badRequest('Set a webhook URL first', 'url');
  const now = new Date();
  const reset = await deliveries.findOneAndUpdate(
    { _id: new ObjectId(deliveryId), $or: [{ status: { $ne: 'pending' } }, { lockedUntil: null }, { lockedUntil: { $lt: now } }] },
    { $set: { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, deliveredAt: null, lockedUntil: null } },
  );
  if (!reset) throw conflict('This delivery is being sent right now');
  void dispatcherOf(ctx).sendSoon(reset, 'redeliver');
  return deliveryDto(reset);
}
