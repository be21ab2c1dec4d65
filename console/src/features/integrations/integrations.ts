// Pure helpers of the bot platform section of the Integrations page (table-tested).
import { API_KEY_LIMITS, type DeliveryStatus, type WebhookDeliveryDto } from '../../../../shared/types/integrations';

export const STATUS_LABELS: Record<DeliveryStatus, string> = { pending: 'Pending', delivered: 'Delivered', failed: 'Failed' };
export const STATUS_TONES: Record<DeliveryStatus, 'pill-warn' | 'pill-ok' | 'pill-danger'> = {
  pending: 'pill-warn',
  delivered: 'pill-ok',
  failed: 'pill-danger',
};

/** What the last attempt got: the receiver's status and/or the error, for the log's "Result" column. */
export function deliveryResult(d: Pick<WebhookDeliveryDto, 'status' | 'attempts' | 'responseCode' | 'lastError'>): string {
  if (d.status === 'delivered') return d.responseCode === null ? 'Delivered' : `HTTP ${d.responseCode}`;
  if (d.lastError) {
    // The server words HTTP failures as "HTTP 500: body"; do not repeat the code.
    if (d.responseCode !== null && !d.lastError.startsWith(`HTTP ${d.responseCode}`)) return `HTTP ${d.responseCode} · ${d.lastError}`;
    return d.lastError;
  }
  if (d.responseCode !== null) return `HTTP ${d.responseCode}`;
  return d.attempts === 0 ? 'Not sent yet' : '—';
}

/** The time that matters next: when it was delivered, when it is retried, or when it gave up. */
export function deliveryWhen(d: Pick<WebhookDeliveryDto, 'status' | 'deliveredAt' | 'nextAttemptAt' | 'lastAttemptAt'>): { label: string; at: string | null } {
  if (d.status === 'delivered') return { label: 'Delivered', at: d.deliveredAt };
  if (d.status === 'pending') return { label: d.nextAttemptAt ? 'Next try' : 'Queued', at: d.nextAttemptAt };
  return { label: 'Gave up', at: d.lastAttemptAt };
}

/** Appends a page to the rows on screen; a row that moved to the next page (new events arrived) is not shown twice. */
export function appendPage<T extends { id: string }>(rows: T[], page: T[]): T[] {
  const seen = new Set(rows.map((r) => r.id));
  return [...rows, ...page.filter((r) => !seen.has(r.id))];
}

/**
 * Reads the "requests per minute" field of the new-key form: empty is the server's default.
 * Returns the number, null for the default, or the problem to show next to the field.
 */
export function parseRateLimit(text: string): { value: number | null } | { error: string } {
  const raw = text.trim();
  if (raw === '') return { value: null };
  const max = API_KEY_LIMITS.maxRatePerMinute;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > max) return { error: `A whole number from 1 to ${max}` };
  return { value: Number(raw) };
}

/** Where the console opens a chat by id (the router sends it to the inbox's "All" view). */
export const chatPath = (chatId: string): string => `/chats/${encodeURIComponent(chatId)}`;

/** `phx_a1b2c3d4` → `phx_a1b2c3d4…`: a prefix is shown so nobody takes it for the whole key. */
export const maskedKey = (prefix: string): string => `${prefix}…`;

/** A webhook URL as typed: empty turns webhooks off (null); otherwise trimmed, checked by the server. */
export function webhookUrlInput(text: string): string | null {
  const url = text.trim();
  return url === '' ? null : url;
}

/** Whether the log should look again soon: something on screen is still on its way. */
export const hasPending = (rows: Pick<WebhookDeliveryDto, 'status'>[]): boolean => rows.some((r) => r.status === 'pending');

/** A server message placed next to its field, without the field path it starts with: "body.url: must use…" → "Must use…". */
export function fieldMessage(message: string | null | undefined): string | null {
  if (!message) return null;
  const text = message.replace(/^(?:body|query|params)\.[^\s:]+: /, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
