// Delivery attempts of webhook events. The delivery document is the source of truth:
// - it is stored before the first attempt, so a crash between the event and the attempt loses
//   nothing: the sweep (dispatch.ts) finds it still pending and sends it;
// - the first attempt goes out in-process at once (no job poll in between); a failed attempt
//   becomes a retry job at its next time (durable in MongoDB, run by whichever instance polls);
// - an attempt first claims the delivery (pending, not locked), so two runners never both send;
// - the body stored at enqueue time is sent byte-identical on every attempt; only the
//   timestamp and signatures are fresh;
// - events of one chat go out in order: while an earlier event of the chat is still pending, a
//   later one waits (briefly when that one is being sent right now, and sends a due one itself;
//   otherwise it is parked until the earlier one settles, which hands on to it at once).
import type { AppContext } from '../context';
import { ObjectId, isObjectIdString } from '../db/ids';
import type { OrganizationDoc, WebhookDeliveryDoc } from '../db/types';
import { resolveWebhookTarget, type Resolver } from './address-guard';
import { postPinned } from './pinned-request';
import type { WebhookSettings } from './settings';
import { SIGNATURE_HEADERS, sign } from '../services/signature';

export const DELIVER_JOB = 'webhook.deliver';

export interface DeliverJob extends Record<string, unknown> {
  /** Absent only in jobs stored before deliveries were scheduled per organization. */
  orgId?: string;
  deliveryId: string;
}

/** The header carrying the signature with the previous secret, during a rotation's overlap. */
export const PREVIOUS_SIGNATURE_HEADER = 'x-phoenix-signature-previous';

const USER_AGENT = 'PhoenixChat-Webhooks/1.0';
/** Waiting for an earlier event: look again soon (it is usually being sent right now), then less often. */
const POLL_MS = { first: 10, max: 500 };
/** How many earlier events one attempt sends on the way (a chat's backlog after an outage). */
const MAX_CHAIN = 50;

/** What an attempt needs besides the context; `resolve` is DNS (a stub in tests). */
export interface DeliveryRuntime {
  ctx: AppContext;
  settings: WebhookSettings;
  resolve?: Resolver;
  /** Later events of a chat, once an earlier one settled after a wait (dispatch.ts queues it). */
  handOn(orgId: ObjectId, chatId: ObjectId): void;
}

/** A failed attempt, worded for the delivery log. */
class DeliveryFailure extends Error {
  constructor(message: string, readonly responseCode: number | null = null) {
    super(message);
  }
}

export const retryDelayMs = (settings: WebhookSettings, failures: number): number =>
  Math.min(settings.retryDelayMs * 2 ** Math.max(failures - 1, 0), settings.maxDelayMs);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const deliverJob = (d: Pick<WebhookDeliveryDoc, '_id' | 'orgId'>): DeliverJob => ({ orgId: d.orgId.toString(), deliveryId: d._id.toString() });

/** The earliest still-pending event of the same chat that should go out before this one. */
function earlierPending(ctx: AppContext, d: WebhookDeliveryDoc) {
  return ctx.repos.forOrg(d.orgId).webhookDeliveries.findOne(
    {
      chatId: d.chatId,
      status: 'pending',
      _id: { $ne: d._id },
      $or: [{ position: { $lt: d.position } }, { position: d.position, createdAt: { $lt: d.createdAt } }],
    },
    { sort: { position: 1, createdAt: 1 } },
  );
}

/**
 * Null when `d` may go now. An earlier event that is due and not being sent is sent first (its
 * job may have been lost); one being sent is waited for up to a request's timeout. Otherwise the
 * earlier event that holds `d` back (it waits for its own retry).
 */
async function heldBackBy(rt: DeliveryRuntime, d: WebhookDeliveryDoc, depth: number): Promise<WebhookDeliveryDoc | null> {
  if (d.chatId === null) return null;
  const deadline = Date.now() + rt.settings.timeoutMs + 2_000;
  for (let pause = POLL_MS.first, round = 0; ; pause = Math.min(pause * 1.5, POLL_MS.max), round += 1) {
    const before = await earlierPending(rt.ctx, d);
    if (!before) return null;
    const inFlight = (before.lockedUntil?.getTime() ?? 0) > Date.now();
    const due = (before.nextAttemptAt?.getTime() ?? 0) <= Date.now();
    if (!inFlight && due && depth < MAX_CHAIN && round < MAX_CHAIN) {
      await attemptDelivery(rt, before.orgId, before._id, 'catch-up', depth + 1);
      continue;
    }
    if (!inFlight || Date.now() >= deadline) return before;
    await sleep(pause);
  }
}

function signatureHeaders(org: OrganizationDoc, timestamp: string, body: string, now: Date): Record<string, string> {
  const h = org.handoff!;
  const headers: Record<string, string> = { [SIGNATURE_HEADERS.signature]: sign(h.webhookSecret!, timestamp, body) };
  // During a rotation's overlap a receiver still holding the old secret verifies this one.
  if (h.webhookPreviousSecret && h.webhookPreviousSecretUntil && h.webhookPreviousSecretUntil.getTime() > now.getTime()) {
    headers[PREVIOUS_SIGNATURE_HEADER] = sign(h.webhookPreviousSecret, timestamp, body);
  }
  return headers;
}

async function send(rt: DeliveryRuntime, d: WebhookDeliveryDoc, org: OrganizationDoc): Promise<{ url: string; status: number }> {
  const url = org.handoff?.webhookUrl;
  if (!url || !org.handoff?.webhookSecret) throw new DeliveryFailure('No webhook URL is configured');
  // Resolved once, checked, and the connection pinned to exactly those addresses.
  const target = await resolveWebhookTarget(url, { allowPrivate: rt.ctx.config.webhookAllowPrivate, ...(rt.resolve ? { resolve: rt.resolve } : {}) });
  if (!target.ok) throw new DeliveryFailure(`Refused: the webhook URL ${target.reason}`);
  const timestamp = String(Math.floor(Date.now() / 1000));
  let answer;
  try {
    answer = await postPinned(target.url, target.addresses, d.body, {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      [SIGNATURE_HEADERS.event]: d.type,
      [SIGNATURE_HEADERS.eventId]: d.eventId,
      [SIGNATURE_HEADERS.timestamp]: timestamp,
      ...signatureHeaders(org, timestamp, d.body, new Date()),
      'x-phoenix-delivery-attempt': String(d.attempts),
    }, rt.settings.timeoutMs);
  } catch (err) {
    const name = (err as { name?: string }).name;
    throw new DeliveryFailure(name === 'TimeoutError' || name === 'AbortError' ? `No answer within ${rt.settings.timeoutMs} ms` : `Could not connect: ${(err as Error).message}`);
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw new DeliveryFailure(`HTTP ${answer.status}${answer.snippet ? `: ${answer.snippet}` : ''}`, answer.status);
  }
  return { url, status: answer.status };
}

/**
 * Why an attempt runs: `first` right after the event, `retry` from its job, `catch-up` for an
 * earlier event of the chat on the way, `sweep` for one left pending (dispatch.ts).
 */
export type AttemptSource = 'first' | 'retry' | 'catch-up' | 'sweep' | 'redeliver';

/** One attempt of one delivery, unless it is settled, held back by its chat's order, or being sent. */
export async function attemptDelivery(
  rt: DeliveryRuntime,
  orgId: ObjectId,
  id: ObjectId,
  source: AttemptSource,
  depth = 0,
  /** The delivery as just stored (a first attempt): saves reading it back; the claim re-checks it. */
  fresh?: WebhookDeliveryDoc,
): Promise<void> {
  const { ctx, settings } = rt;
  const repos = ctx.repos.forOrg(orgId);
  const deliveries = repos.webhookDeliveries;
  const current = fresh ?? (await deliveries.findOne({ _id: id, status: 'pending' }));
  if (!current) return;
  // A retry job whose delivery was parked or re-timed since: a later job (or a hand-on) has it.
  if (source === 'retry' && (current.nextAttemptAt?.getTime() ?? 0) > Date.now() + 250) return;

  const before = await heldBackBy(rt, current, depth);
  if (before) {
    // Parked behind the earlier event: it hands on when it settles; the job is the fallback.
    const next = new Date(Math.max(before.nextAttemptAt?.getTime() ?? 0, Date.now()) + retryDelayMs(settings, 1));
    const parked = await deliveries.updateOne({ _id: id, status: 'pending' }, { $set: { nextAttemptAt: next, lastError: 'Waiting for an earlier event of this chat' } });
    if (parked.matchedCount > 0) await ctx.jobs.schedule(next, DELIVER_JOB, deliverJob(current));
    return;
  }

  const now = new Date();
  const claimed = await deliveries.findOneAndUpdate(
    { _id: id, status: 'pending', $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
    { $set: { lockedUntil: new Date(now.getTime() + settings.timeoutMs + 30_000), lastAttemptAt: now }, $inc: { attempts: 1 } },
  );
  // Delivered, given up, or being sent by another runner right now: nothing to do here.
  if (!claimed) return;
  const attempt = claimed.attempts ?? 1;

  const org = await repos.organization.findOne();
  try {
    if (!org) throw new DeliveryFailure('The organization no longer exists');
    const { url, status } = await send(rt, claimed, org);
    await deliveries.updateOne(
      { _id: id },
      { $set: { status: 'delivered', deliveredAt: new Date(), responseCode: status, url, lastError: null, lockedUntil: null, nextAttemptAt: null } },
    );
    // Later events of the chat may be parked behind this one (it had failed before): go on now.
    if (attempt > 1 && claimed.chatId) rt.handOn(orgId, claimed.chatId);
  } catch (err) {
    const failure = err instanceof DeliveryFailure ? err : new DeliveryFailure(`Unexpected error: ${(err as Error).message}`);
    const last = attempt >= settings.attempts;
    const next = last ? null : new Date(Date.now() + retryDelayMs(settings, attempt));
    await deliveries.updateOne(
      { _id: id },
      {
        $set: {
          status: last ? 'failed' : 'pending',
          lastError: failure.message.slice(0, 500),
          responseCode: failure.responseCode,
          url: org?.handoff?.webhookUrl ?? null,
          lockedUntil: null,
          nextAttemptAt: next,
        },
      },
    );
    if (next) {
      await ctx.jobs.schedule(next, DELIVER_JOB, deliverJob(claimed));
    } else {
      ctx.log.warn('webhook delivery given up', { eventId: claimed.eventId, attempts: attempt, error: failure.message });
      if (claimed.chatId) rt.handOn(orgId, claimed.chatId);
    }
  }
}

/** The earliest pending event of a chat that nobody is sending, if any: the one to hand on to. */
export async function nextOfChat(ctx: AppContext, orgId: ObjectId, chatId: ObjectId): Promise<WebhookDeliveryDoc | null> {
  const now = new Date();
  return ctx.repos.forOrg(orgId).webhookDeliveries.findOne(
    { chatId, status: 'pending', $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
    { sort: { position: 1, createdAt: 1 } },
  );
}

/** The organization and delivery of a job (older jobs name only the delivery). */
export async function jobTarget(ctx: AppContext, job: DeliverJob): Promise<{ orgId: ObjectId; id: ObjectId } | null> {
  if (!isObjectIdString(job.deliveryId)) return null;
  const id = new ObjectId(job.deliveryId);
  const orgId = job.orgId && isObjectIdString(job.orgId) ? new ObjectId(job.orgId) : await ctx.repos.crossOrg.webhookDeliveryOrgId(id);
  return orgId ? { orgId, id } : null;
}
