// Turns events into webhook deliveries and sends them.
//
// Chat events come from the bus. Every server instance sees every bus event (Redis pub/sub with
// several instances), so each one tries to store the delivery; its unique event id lets exactly
// one insert win, and only the winner sends it. `contact.updated` comes from the in-process
// chat lifecycle emitter, on the one instance where the contact changed.
//
// The first attempt goes out at once, in-process, in a queue per chat (per contact), so one
// chat's events reach the receiver one after another in the order they happened. Retries are
// Agenda jobs (deliver.ts); the sweep job sends deliveries left pending by a crash.
import { ObjectId } from '../db/ids';
import type { AppContext } from '../context';
import type { OrganizationDoc, WebhookDeliveryDoc } from '../db/types';
import type { BusEvent } from '../bus/bus';
import { isDuplicateKey } from '../services/organizations';
import type { WebhookEventType } from '../../shared/types/integrations';
import type { Resolver } from './address-guard';
import { attemptDelivery, DELIVER_JOB, jobTarget, nextOfChat, type DeliverJob, type DeliveryRuntime } from './deliver';
import { contactUpdatedEvent, webhookEventsFor, type WebhookEvent } from './events';
import { createSerialQueue, type SerialQueue } from './serial-queue';
import { webhookSettings, type WebhookSettings } from './settings';

export const SWEEP_JOB = 'webhook.sweep';

/** Sent from here on, per server context (the admin routes queue test events and redeliveries). */
export interface WebhookDispatcher {
  settings: WebhookSettings;
  /** Queues the first attempt of a stored delivery behind its chat's earlier events. */
  sendSoon(delivery: Pick<WebhookDeliveryDoc, '_id' | 'orgId' | 'chatId'>, source?: 'first' | 'redeliver'): Promise<void>;
  /** Resolves once every queued attempt ran (tests, benchmarks). */
  idle(): Promise<void>;
}

const dispatchers = new WeakMap<AppContext, WebhookDispatcher>();

/** The subscription: absent means every event; the test event is always sent. */
export function subscribed(handoff: Pick<NonNullable<OrganizationDoc['handoff']>, 'webhookEvents'> | null | undefined, type: WebhookEventType): boolean {
  if (type === 'webhook.test') return true;
  const events = handoff?.webhookEvents;
  return events === undefined || events === null || events.includes(type);
}

/** Makes sure the sweep job exists (once per process). */
const sweeps = new WeakMap<AppContext, () => Promise<void>>();

async function store(ctx: AppContext, event: WebhookEvent): Promise<WebhookDeliveryDoc | null> {
  await sweeps.get(ctx)?.();
  const now = new Date();
  try {
    return await ctx.repos.forOrg(new ObjectId(event.orgId)).webhookDeliveries.insert({
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
    // Another instance stored the same event first: it sends it.
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}

/** Stores the event once (whichever instance gets there first) and queues its first attempt. */
export async function enqueueWebhook(ctx: AppContext, event: WebhookEvent): Promise<WebhookDeliveryDoc | null> {
  const delivery = await store(ctx, event);
  if (delivery) void dispatcherOf(ctx).sendSoon(delivery);
  return delivery;
}

export function dispatcherOf(ctx: AppContext): WebhookDispatcher {
  const found = dispatchers.get(ctx);
  if (!found) throw new Error('startWebhooks has not run for this context');
  return found;
}

type OrgHandoff = Pick<OrganizationDoc, 'handoff'>;
const webhookOf = (ctx: AppContext, orgId: string) =>
  ctx.repos.forOrg(new ObjectId(orgId)).organization.findOne<OrgHandoff>({}, { projection: { handoff: 1 } });

const queueKey = (d: Pick<WebhookDeliveryDoc, '_id' | 'chatId'>) => (d.chatId ? `chat:${d.chatId.toString()}` : `delivery:${d._id.toString()}`);

/** Sweep cadence: often in tests (100 ms retries), at most a minute in production. */
export const sweepIntervalMs = (s: WebhookSettings): number => Math.min(Math.max(s.retryDelayMs * 10, 1_000), 60_000);

/**
 * Defines the delivery and sweep jobs and subscribes to the bus and the chat lifecycle.
 * `resolve` replaces DNS for deliveries (tests).
 */
export function startWebhooks(ctx: AppContext, opts: { resolve?: Resolver } = {}): WebhookSettings {
  const settings = webhookSettings(ctx.config);
  const queue: SerialQueue = createSerialQueue((err, key) => {
    // Shutting down mid-attempt: the delivery is stored and still pending; the sweep sends it.
    const name = (err as { name?: string }).name ?? '';
    if (name === 'MongoClientClosedError' || name === 'MongoNotConnectedError' || name === 'MongoPoolClosedError') ctx.log.warn('webhook attempt interrupted by shutdown', { key });
    else ctx.log.error('webhook delivery failed to run', { err, key });
  });

  const runtime: DeliveryRuntime = {
    ctx,
    settings,
    ...(opts.resolve ? { resolve: opts.resolve } : {}),
    handOn(orgId, chatId) {
      // The chat's parked events, one after another, until one does not go through.
      void queue.run(`chat:${chatId.toString()}`, async () => {
        for (let i = 0; i < 1_000; i += 1) {
          const next = await nextOfChat(ctx, orgId, chatId);
          if (!next) return;
          await attemptDelivery(runtime, orgId, next._id, 'catch-up');
          const after = await ctx.repos.forOrg(orgId).webhookDeliveries.findOne({ _id: next._id }, { projection: { status: 1 } });
          if (after?.status === 'pending') return;
        }
      });
    },
  };

  const dispatcher: WebhookDispatcher = {
    settings,
    sendSoon: (d, source = 'first') => queue.run(queueKey(d), () => attemptDelivery(runtime, d.orgId, d._id, source)),
    idle: () => queue.idle(),
  };
  dispatchers.set(ctx, dispatcher);

  ctx.jobs.define<DeliverJob>(DELIVER_JOB, async (data) => {
    const target = await jobTarget(ctx, data);
    if (target) await attemptDelivery(runtime, target.orgId, target.id, 'retry');
  }, { concurrency: 20, removeOnComplete: true });

  const sweepMs = sweepIntervalMs(settings);
  ctx.jobs.define(SWEEP_JOB, async () => {
    const now = new Date();
    const overdue = await ctx.repos.crossOrg.overdueWebhookDeliveries(new Date(now.getTime() - sweepMs), now, 200);
    await Promise.all(overdue.map((d) => queue.run(queueKey(d), () => attemptDelivery(runtime, d.orgId, d._id, 'sweep'))));
  });
  // One recurring job for the whole installation (Agenda keeps a single document per name),
  // written before this process stores its first delivery: an instance that never sends a
  // webhook does not write it (nor race its own shutdown with the write).
  let sweepScheduled: Promise<void> | null = null;
  sweeps.set(ctx, () => {
    sweepScheduled ??= ctx.jobs.agenda.every(sweepMs, SWEEP_JOB, undefined, { skipImmediate: true }).then(
      () => undefined,
      (err: unknown) => {
        sweepScheduled = null;
        ctx.log.error('webhook sweep not scheduled', { err });
      },
    );
    return sweepScheduled;
  });

  ctx.bus.subscribe((event) => {
    // Cheap checks first, synchronously: most events are not for api chats.
    const chatId = chatOf(event);
    if (chatId === null) return;
    // Queued in bus order per chat; the publisher's request neither waits for it nor fails by it.
    void queue.run(`chat:${chatId}`, () => onChatEvent(runtime, event));
  });

  ctx.events.on('contact.updated', ({ contact, changed }) => {
    const key = `contact:${contact._id.toString()}`;
    void queue.run(key, async () => {
      const org = await webhookOf(ctx, contact.orgId.toString());
      if (!org?.handoff?.webhookUrl || !subscribed(org.handoff, 'contact.updated')) return;
      const event = contactUpdatedEvent(ctx, contact, changed);
      const delivery = event ? await store(ctx, event) : null;
      // In the contact's queue, so its updates reach the receiver in order.
      if (delivery) await attemptDelivery(runtime, delivery.orgId, delivery._id, 'first', 0, delivery);
    });
  });
  return settings;
}

function chatOf(event: BusEvent): string | null {
  if (event.kind !== 'message.created' && event.kind !== 'chat.changed') return null;
  return event.chat.channel === 'api' ? event.chat.id : null;
}

async function onChatEvent(runtime: DeliveryRuntime, event: BusEvent): Promise<void> {
  const { ctx } = runtime;
  if (!('orgId' in event)) return;
  const org = await webhookOf(ctx, event.orgId);
  if (!org?.handoff?.webhookUrl) return;
  const webhooks = await webhookEventsFor(ctx, event, (type) => subscribed(org.handoff, type));
  for (const webhook of webhooks) {
    const delivery = await store(ctx, webhook);
    // Already in this chat's queue: attempt right here, before the chat's next event.
    if (delivery) await attemptDelivery(runtime, delivery.orgId, delivery._id, 'first', 0, delivery);
  }
}
