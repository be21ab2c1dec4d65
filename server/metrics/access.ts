// Who may read /metrics. The figures hold no customer data, but they tell an outsider how busy an
// installation is and when it struggles: off unless configured, and guarded when on.
import { timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'off' | 'denied' | 'allowed';

/**
 * On the main port: off (404) without METRICS_TOKEN; with it, only `Bearer <token>`. On the
 * metrics port (`ownPort`) the listener is the guard; a token, when set, is asked for there too.
 */
export function metricsAccess(settings: { token: string | null }, authorization: string | null, ownPort: boolean): MetricsAccess {
  if (settings.token === null) return ownPort ? 'allowed' : 'off';
  const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const [a, b] = [Buffer.from(given), Buffer.from(settings.token)];
  return a.length === b.length && timingSafeEqual(a, b) ? 'allowed' : 'denied';
}
