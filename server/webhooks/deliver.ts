// One delivery attempt of one webhook event, run by an Agenda job (retries with backoff come
// from the job definition). The delivery document is the source of truth:
// - an attempt first claims it (status pending, not locked), so two runners never both send;
// - the body stored at enqueue time is sent byte-identical on every attempt; only the
//   timestamp and signature are fresh;
// - events of one chat go out in order: while an earlier event of the chat is still pending,
//   a later one waits for it (briefly, when that one is being sent right now; otherwise until
//   its own next retry). On its last allowed run it is sent anyway — late beats lost.
import type { AppContext } from '../context';
import { ObjectId, isObjectIdString } from '../db/ids';
import type { OrganizationDoc, WebhookDeliveryDoc } from '../db/types';
import { checkWebhookTarget } from './address-guard';
import type { WebhookSettings } from './settings';
import { SIGNATURE_HEADERS, sign } from '../services/signature';

export const DELIVER_JOB = 'webhook.deliver';

export interface DeliverJob extends Record<string, unknown> {
  /** Absent only in jobs stored before deliveries were scheduled per organization. */
  orgId?: string;
  deliveryId: string;
}
const USER_AGENT = 'PhoenixChat-Webhooks/1.0';
/** Waiting for an earlier event: look again soon (it is usually being sent right now), then less often. */
const POLL_MS = { first: 25, max: 500 };
/** How late a due delivery may start before it counts as abandoned (Agenda polls every second). */
const OVERDUE_GRACE_MS = 60_000;

/** A failed attempt, worded for the delivery log; thrown to Agenda so it retries. */
class DeliveryFailure extends Error {
  constructor(message: string, readonly responseCode: number | null = null) {
    super(message);
  }
}

export const retryDelayMs = (settings: WebhookSettings, failures: number): number =>
  Math.min(settings.retryDelayMs * 2 ** Math.max(failures - 1, 0), settings.maxDelayMs);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

/** Waits while an earlier event of the chat is due or being sent; true if it is still pending after. */
async function blockedByEarlier(ctx: AppContext, settings: WebhookSettings, d: WebhookDeliveryDoc): Promise<boolean> {
  if (d.chatId === null) return false;
  const deadline = Date.now() + settings.timeoutMs + 2_000;
  for (let pause = POLL_MS.first; ; pause = Math.min(pause * 1.5, POLL_MS.max)) {
    const before = await earlierPending(ctx, d);
    if (!before) return false;
    const inFlight = (before.lockedUntil?.getTime() ?? 0) > Date.now();
    const dueAt = before.nextAttemptAt?.getTime() ?? 0;
    if (!inFlight && dueAt < Date.now() - settings.timeoutMs - OVERDUE_GRACE_MS) {
      // Long overdue and nobody sending it: its job was lost (a crash between storing the event
      // and scheduling it). Revive it rather than hold this chat's later events for a day.
      await ctx.repos.forOrg(d.orgId).webhookDeliveries.updateOne({ _id: before._id, status: 'pending', nextAttemptAt: before.nextAttemptAt }, { $set: { nextAttemptAt: new Date() } });
      await ctx.jobs.schedule(new Date(), DELIVER_JOB, deliverJob(before));
    }
    const due = dueAt <= Date.now();
    if (!(inFlight || due) || Date.now() >= deadline) return true;
    await sleep(pause);
  }
}

/** The start of the receiver's answer, for the log; never reads more than `max` bytes of it. */
async function readSnippet(res: Response, max = 300): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A broken answer body does not change whether the status was a success.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, max).replace(/\s+/g, ' ').trim();
}

async function send(ctx: AppContext, settings: WebhookSettings, d: WebhookDeliveryDoc, org: OrganizationDoc): Promise<{ url: string; status: number }> {
  const url = org.handoff?.webhookUrl;
  const secret = org.handoff?.webhookSecret;
  if (!url || !secret) throw new DeliveryFailure('No webhook URL is configured');
  // Again at delivery time, resolving DNS now: the name may point elsewhere than when saved.
  const target = await checkWebhookTarget(url, { allowPrivate: ctx.config.webhookAllowPrivate });
  if (!target.ok) throw new DeliveryFailure(`Refused: the webhook URL ${target.reason}`);
  const timestamp = String(Math.floor(Date.now() / 1000));
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      body: d.body,
      // A redirect could lead to a private address; receivers must answer where they are.
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        [SIGNATURE_HEADERS.event]: d.type,
        [SIGNATURE_HEADERS.eventId]: d.eventId,
        [SIGNATURE_HEADERS.timestamp]: timestamp,
        [SIGNATURE_HEADERS.signature]: sign(secret, timestamp, d.body),
        'x-phoenix-delivery-attempt': String(d.attempts),
      },
    });
  } catch (err) {
    const name = (err as { name?: string }).name;
    throw new DeliveryFailure(name === 'TimeoutError' || name === 'AbortError' ? `No answer within ${settings.timeoutMs} ms` : `Could not connect: ${(err as Error).message}`);
  }
  const snippet = await readSnippet(res);
  if (res.status < 200 || res.status >= 300) {
    throw new DeliveryFailure(`HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`, res.status);
  }
  return { url, status: res.status };
}

/**
 * Runs one attempt. `run` counts this job's runs (1 = first); the job's last allowed run sends
 * even if ordering would make it wait, and a failure then is final.
 */
export const deliverJob = (d: Pick<WebhookDeliveryDoc, '_id' | 'orgId'>): DeliverJob => ({ orgId: d.orgId.toString(), deliveryId: d._id.toString() });

/** The organization's repositories for a job's delivery (older jobs name only the delivery). */
async function reposFor(ctx: AppContext, job: DeliverJob) {
  if (!isObjectIdString(job.deliveryId)) return null;
  const id = new ObjectId(job.deliveryId);
  const orgId = job.orgId && isObjectIdString(job.orgId) ? new ObjectId(job.orgId) : await ctx.repos.crossOrg.webhookDeliveryOrgId(id);
  return orgId ? { id, repos: ctx.repos.forOrg(orgId) } : null;
}

export async function deliverOnce(ctx: AppContext, settings: WebhookSettings, job: DeliverJob, run: number): Promise<void> {
  const found = await reposFor(ctx, job);
  if (!found) return;
  const { id, repos } = found;
  const deliveries = repos.webhookDeliveries;
  const last = run >= settings.attempts;
  const current = await deliveries.findOne({ _id: id, status: 'pending' });
  if (!current) return;
  if (!last && (await blockedByEarlier(ctx, settings, current))) {
    const next = new Date(Date.now() + retryDelayMs(settings, run));
    await deliveries.updateOne({ _id: id, status: 'pending' }, { $set: { nextAttemptAt: next, lastError: 'Waiting for an earlier event of this chat' } });
    throw new Error('waiting for an earlier event of the same chat');
  }

  const now = new Date();
  const claimed = await deliveries.findOneAndUpdate(
    { _id: id, status: 'pending', $or: [{ lockedUntil: null }, { lockedUntil: { $lt: now } }] },
    { $set: { lockedUntil: new Date(now.getTime() + settings.timeoutMs + 30_000), lastAttemptAt: now }, $inc: { attempts: 1 } },
  );
  // Delivered, given up, or being sent by another runner right now: nothing to do here.
  if (!claimed) return;

  const org = await repos.organization.findOne();
  try {
    if (!org) throw new DeliveryFailure('The organization no longer exists');
    const { url, status } = await send(ctx, settings, claimed, org);
    await deliveries.updateOne(
      { _id: id },
      { $set: { status: 'delivered', deliveredAt: new Date(), responseCode: status, url, lastError: null, lockedUntil: null, nextAttemptAt: null } },
    );
  } catch (err) {
    const failure = err instanceof DeliveryFailure ? err : new DeliveryFailure(`Unexpected error: ${(err as Error).message}`);
    await deliveries.updateOne(
      { _id: id },
      {
        $set: {
          status: last ? 'failed' : 'pending',
          lastError: failure.message.slice(0, 500),
          responseCode: failure.responseCode,
          url: org?.handoff?.webhookUrl ?? null,
          lockedUntil: null,
          nextAttemptAt: last ? null : new Date(Date.now() + retryDelayMs(settings, run)),
        },
      },
    );
    if (last) {
      ctx.log.warn('webhook delivery given up', { eventId: claimed.eventId, attempts: claimed.attempts, error: failure.message });
      return;
    }
    throw failure;
  }
}
