// Turns bus events into webhook deliveries and runs them through Agenda.
//
// Every server instance sees every bus event (Redis pub/sub with several instances), so each
// one tries to enqueue; the delivery's unique event id lets exactly one insert win, and only
// the winner schedules the job. Agenda's lock then runs that job on one instance.
import { ObjectId } from '../db/ids';
import type { AppContext } from '../context';
import type { WebhookDeliveryDoc } from '../db/types';
import type { BusEvent } from '../bus/bus';
import { isDuplicateKey } from '../services/organizations';
import { DELIVER_JOB, deliverJob, deliverOnce, type DeliverJob } from './deliver';
import { webhookEventFor, type WebhookEvent } from './events';
import { webhookSettings, type WebhookSettings } from './settings';

/** Stores the event once (whichever instance gets there first) and schedules its delivery. */
export async function enqueueWebhook(ctx: AppContext, event: WebhookEvent): Promise<WebhookDeliveryDoc | null> {
  const now = new Date();
  let delivery: WebhookDeliveryDoc;
  try {
    delivery = await ctx.repos.forOrg(new ObjectId(event.orgId)).webhookDeliveries.insert({
      eventId: event.eventId,
      type: event.type,
      chatId: event.chatId ? new ObjectId(event.chatId) : null,
      position: event.position,
      body: JSON.stringify(event.payload),
      status: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    });
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
  await ctx.jobs.schedule(now, DELIVER_JOB, deliverJob(delivery));
  return delivery;
}

async function onBusEvent(ctx: AppContext, event: BusEvent): Promise<void> {
  if (event.kind !== 'message.created' && event.kind !== 'chat.changed') return;
  // Cheap checks first: most events are not for api chats, most orgs have no webhook.
  if (event.chat.channel !== 'api') return;
  const org = await ctx.repos.forOrg(new ObjectId(event.orgId)).organization.findOne<{ handoff?: { webhookUrl?: string | null } | null }>({}, { projection: { handoff: 1 } });
  if (!org?.handoff?.webhookUrl) return;
  const webhook = await webhookEventFor(ctx, event);
  if (webhook) await enqueueWebhook(ctx, webhook);
}

/** Defines the delivery job and subscribes to the bus; returns the settings in effect. */
export function startWebhooks(ctx: AppContext): WebhookSettings {
  const settings = webhookSettings(ctx.config);
  ctx.jobs.define<DeliverJob>(
    DELIVER_JOB,
    (data, job) => deliverOnce(ctx, settings, data, (job.attrs.failCount ?? 0) + 1),
    { attempts: settings.attempts, retryDelayMs: settings.retryDelayMs, maxDelayMs: settings.maxDelayMs, concurrency: 20 },
  );
  ctx.bus.subscribe((event) => {
    // The bus delivers synchronously inside the publisher's request; enqueueing must not delay
    // or fail that request, so it runs on its own and only logs its errors.
    void onBusEvent(ctx, event).catch((err: unknown) => ctx.log.error('webhook enqueue failed', { err, kind: event.kind }));
  });
  return settings;
}
