// What the console tells the agent about its connection (the banner in AppShell): the browser
// being offline comes first (nothing can reach the server; what they type is kept and sent when
// they are back), then a socket that is down and being retried. A first connection that never
// came up counts as down too once an attempt has failed: the agent must not stare at a console
// that silently shows nothing new.
import type { SocketStatus } from './socket';

export type ConnectionNotice = { kind: 'offline'; text: string } | { kind: 'reconnecting'; text: string } | null;

export const OFFLINE_TEXT = "You're offline — changes will sync when you're back";
export const RECONNECTING_TEXT = 'Reconnecting…';

export function connectionNotice(status: SocketStatus, browserOnline: boolean, failedAttempts: number): ConnectionNotice {
  if (status === 'idle' || status === 'closed' || status === 'unauthorized') return null;
  if (!browserOnline) return { kind: 'offline', text: OFFLINE_TEXT };
  if (status === 'reconnecting' || (status === 'connecting' && failedAttempts > 0)) return { kind: 'reconnecting', text: RECONNECTING_TEXT };
  return null;
}
