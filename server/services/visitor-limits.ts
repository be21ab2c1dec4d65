// How fast a widget visitor may act, on the socket and over REST alike (issue 15 item 6): without
// limits one script on a customer's page stored 300 socket frames in 1.2 s. Each action counts
// twice, per visitor (their contact, across tabs and tokens) and per client address (a script
// minting new anonymous visitors), on the instance's fixed-window limiter (caches/rate-limiter).
// The numbers are far above what a person types: the per-address ones allow a whole office
// behind one NAT (TRUST_PROXY must be on behind a proxy, or every visitor shares its address).
// The widget reads the message and upload figures from its config answer and paces itself.
import type { Config } from '../config';
import type { AppContext } from '../context';
import { AppError } from '../errors';

export type VisitorAction = 'message' | 'typing' | 'chat' | 'upload';

interface ActionLimit {
  perVisitor: number;
  perAddress: number;
  windowMs: number;
  /** What the visitor is told (the widget shows its own sentence for messages). */
  message: string;
}

export function visitorLimits(config: Pick<Config, 'visitors'>): Record<VisitorAction, ActionLimit> {
  const { messagesPer10s, uploadsPerMinute } = config.visitors;
  return {
    message: { perVisitor: messagesPer10s, perAddress: messagesPer10s * 10, windowMs: 10_000, message: 'You are sending messages too fast; wait a few seconds' },
    // Per socket, typing-throttle.ts already drops repeats and refuses floods; this bounds a visitor's tabs together.
    typing: { perVisitor: 40, perAddress: 400, windowMs: 10_000, message: 'Typing indicators are sent too often; wait a moment' },
    // One open chat per visitor (services/widget.ts): new chats come only after ending one.
    chat: { perVisitor: 5, perAddress: 10, windowMs: 60_000, message: 'Too many new chats; wait a minute' },
    upload: { perVisitor: uploadsPerMinute, perAddress: uploadsPerMinute * 2, windowMs: 60_000, message: 'Too many files at once; wait a minute' },
  };
}

/** The figures the widget paces itself by (its config answer). */
export function widgetLimits(config: Pick<Config, 'visitors' | 'uploadMaxBytes'>) {
  const limits = visitorLimits(config);
  return {
    uploadMaxBytes: config.uploadMaxBytes,
    messages: { limit: limits.message.perVisitor, windowSeconds: limits.message.windowMs / 1000 },
    uploads: { limit: limits.upload.perVisitor, windowSeconds: limits.upload.windowMs / 1000 },
  };
}

/**
 * Counts one `action` of the visitor (`contactId`) from `address`; throws RATE_LIMITED with
 * `retryAfterSeconds` past either limit. `address` may be null (unknown): only the visitor counts.
 */
export function countVisitorAction(ctx: Pick<AppContext, 'config' | 'limiter'>, action: VisitorAction, who: { contactId: string; address: string | null }): void {
  if (!ctx.config.visitors.rateLimits) return;
  const limit = visitorLimits(ctx.config)[action];
  const byVisitor = ctx.limiter.take(`visitor-${action}:${who.contactId}`, limit.perVisitor, limit.windowMs);
  const byAddress = who.address === null ? null : ctx.limiter.take(`visitor-${action}-address:${who.address}`, limit.perAddress, limit.windowMs);
  const retryAfterSeconds = Math.max(byVisitor ?? 0, byAddress ?? 0);
  if (retryAfterSeconds > 0) {
    throw new AppError('RATE_LIMITED', limit.message, undefined, { retryAfterSeconds, action, limit: byVisitor !== null ? limit.perVisitor : limit.perAddress, windowSeconds: limit.windowMs / 1000 });
  }
}
