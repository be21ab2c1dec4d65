// The bot platform integration on the Integrations page: API keys, the webhook and its delivery
// log. A setup store in the feature folder (it ships in the page's lazy chunk); the three cards
// share it — sending a test event refreshes the log, saving a URL enables the test.
//
// Secrets (a new key, a new signing secret) are never kept here: the component that shows one
// gets it as a return value and forgets it when dismissed.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ApiKeyDto, CreateApiKeyInput, CreatedApiKeyDto, DeliveryStatus, WebhookConfigDto, WebhookDeliveryDto, WebhookSubscribableEvent } from '../../../../shared/types/integrations';
import { errorMessage, integrationsApi } from '../../api';
import { attempt } from '../../lib/attempt';
import { ownedData } from '../../stores/owned';
import { appendPage, hasPending } from './integrations';

export const DELIVERY_PAGE_SIZE = 25;
/** After a test event (or while the log shows pending rows), look again this often, this many times. */
const POLL = { everyMs: 1500, times: 12 };

const withoutSecret = ({ secret: _secret, ...config }: WebhookConfigDto): WebhookConfigDto => config;
const withoutKey = ({ key: _key, ...dto }: CreatedApiKeyDto): ApiKeyDto => dto;
const isAbort = (err: unknown) => (err as { name?: string }).name === 'AbortError';

export const useIntegrationsStore = defineStore('integrations', () => {
  // ---- API keys
  const keys = ref<ApiKeyDto[]>([]);
  const keysLoaded = ref(false);
  const keysLoading = ref(false);
  const keysError = ref<string | null>(null);

  async function loadKeys() {
    await attempt(keysError, async () => {
      keys.value = (await integrationsApi.listKeys()).items;
      keysLoaded.value = true;
    }, keysLoading);
  }

  /** Creates a key; the answer (with the key itself) goes to the caller only. */
  async function createKey(input: CreateApiKeyInput): Promise<CreatedApiKeyDto> {
    const created = await integrationsApi.createKey(input);
    keys.value = [withoutKey(created), ...keys.value.filter((k) => k.id !== created.id)];
    return created;
  }

  async function revokeKey(id: string) {
    await integrationsApi.revokeKey(id);
    keys.value = keys.value.filter((k) => k.id !== id);
  }

  // ---- Webhook
  const webhook = ref<WebhookConfigDto | null>(null);
  const webhookLoading = ref(false);
  const webhookError = ref<string | null>(null);

  async function loadWebhook() {
    await attempt(webhookError, async () => {
      webhook.value = await integrationsApi.getWebhook();
    }, webhookLoading);
  }

  /** Saves the URL (null: off); returns the signing secret when one was generated now. */
  async function saveWebhookUrl(url: string | null): Promise<string | null> {
    const answer = await integrationsApi.updateWebhook({ url });
    webhook.value = withoutSecret(answer);
    return answer.secret ?? null;
  }

  async function rotateSecret(): Promise<string | null> {
    const answer = await integrationsApi.updateWebhook({ rotateSecret: true });
    webhook.value = withoutSecret(answer);
    return answer.secret ?? null;
  }

  /** Saves which events the webhook sends. */
  async function saveWebhookEvents(events: WebhookSubscribableEvent[]) {
    webhook.value = withoutSecret(await integrationsApi.updateWebhook({ events }));
  }

  /** Sends one delivery again; the log shows it pending and then settled. */
  async function redeliver(id: string) {
    const answer = await integrationsApi.redeliver(id);
    deliveries.value = deliveries.value.map((d) => (d.id === id ? answer : d));
    watchPending();
  }

  async function sendTestEvent() {
    await integrationsApi.sendTestEvent();
    await loadDeliveries({ quiet: true });
    watchPending();
  }

  // ---- Delivery log
  const deliveries = ref<WebhookDeliveryDto[]>([]);
  const next = ref<string | null>(null);
  const statusFilter = ref<DeliveryStatus | ''>('');
  const deliveriesLoaded = ref(false);
  const deliveriesLoading = ref(false);
  const moreLoading = ref(false);
  const deliveriesError = ref<string | null>(null);
  const moreError = ref<string | null>(null);
  let pages = 0;
  let controller: AbortController | null = null;

  /**
   * The first page for the current filter. `quiet` keeps the rows on screen while it loads (a
   * refresh); otherwise the table shows the loading state. Later pages are dropped.
   */
  async function loadDeliveries(opts: { quiet?: boolean } = {}) {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    if (!opts.quiet) deliveriesLoading.value = true;
    deliveriesError.value = null;
    moreError.value = null;
    try {
      const page = await integrationsApi.deliveries({ status: statusFilter.value || undefined, limit: DELIVERY_PAGE_SIZE }, mine.signal);
      deliveries.value = page.items;
      next.value = page.next;
      pages = 1;
      deliveriesLoaded.value = true;
    } catch (err) {
      if (isAbort(err)) return;
      deliveriesError.value = errorMessage(err);
    } finally {
      if (controller === mine) {
        controller = null;
        deliveriesLoading.value = false;
        moreLoading.value = false;
      }
    }
  }

  async function loadMore() {
    if (!next.value || controller) return;
    const mine = new AbortController();
    controller = mine;
    moreLoading.value = true;
    moreError.value = null;
    try {
      const page = await integrationsApi.deliveries({ status: statusFilter.value || undefined, cursor: next.value, limit: DELIVERY_PAGE_SIZE }, mine.signal);
      deliveries.value = appendPage(deliveries.value, page.items);
      next.value = page.next;
      pages += 1;
    } catch (err) {
      if (isAbort(err)) return;
      moreError.value = errorMessage(err);
    } finally {
      if (controller === mine) {
        controller = null;
        moreLoading.value = false;
      }
    }
  }

  function setStatusFilter(status: DeliveryStatus | '') {
    statusFilter.value = status;
    void loadDeliveries();
  }

  // While pending rows are on screen (a test just sent), refresh the first page a few times so
  // they turn delivered or failed without a click. Not once more pages are loaded: a refresh
  // would drop them.
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let pollsLeft = 0;
  function watchPending() {
    pollsLeft = POLL.times;
    if (pollTimer) return;
    const tick = () => {
      pollTimer = null;
      if (pollsLeft <= 0 || pages > 1 || !hasPending(deliveries.value)) return;
      // "Load more" in flight: a refresh would cancel it; look again next time.
      if (moreLoading.value) return void (pollTimer = setTimeout(tick, POLL.everyMs));
      pollsLeft -= 1;
      void loadDeliveries({ quiet: true }).finally(() => {
        if (pollsLeft > 0 && !pollTimer) pollTimer = setTimeout(tick, POLL.everyMs);
      });
    };
    pollTimer = setTimeout(tick, POLL.everyMs);
  }
  function stopWatching() {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
    pollsLeft = 0;
  }

  // ---- Whose data this is
  /** Another user (after sign-out and sign-in) starts from scratch. */
  const { claim, forget: forgetOwner } = ownedData(reset);
  /** After a session reset (stores/lifecycle.ts): the state is back; stop the polling, forget the owner. */
  function afterReset() {
    reset();
    forgetOwner();
  }
  function reset() {
    stopWatching();
    controller?.abort();
    controller = null;
    keys.value = [];
    keysLoaded.value = false;
    keysError.value = null;
    webhook.value = null;
    webhookError.value = null;
    deliveries.value = [];
    next.value = null;
    statusFilter.value = '';
    deliveriesLoaded.value = false;
    deliveriesError.value = null;
    moreError.value = null;
    pages = 0;
  }

  return {
    keys,
    keysLoaded,
    keysLoading,
    keysError,
    loadKeys,
    createKey,
    revokeKey,
    webhook,
    webhookLoading,
    webhookError,
    loadWebhook,
    saveWebhookUrl,
    rotateSecret,
    saveWebhookEvents,
    redeliver,
    sendTestEvent,
    deliveries,
    next,
    statusFilter,
    deliveriesLoaded,
    deliveriesLoading,
    moreLoading,
    deliveriesError,
    moreError,
    loadDeliveries,
    loadMore,
    setStatusFilter,
    watchPending,
    stopWatching,
    claim,
    reset,
    afterReset,
  };
});
