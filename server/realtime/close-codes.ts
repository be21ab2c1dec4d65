// Close codes this server adds to the protocol's CLOSE_CODES (shared/protocol/messages.ts, owned
// elsewhere: these belong there and will move). Clients reconnect on every code but 4401, and on
// reconnect resume each open chat from their highest contiguous seq, so both of these mean
// "come back and catch up": nothing was lost, the socket just may have missed frames.
import { CLOSE_CODES } from '../../shared/protocol/messages';

export const SERVER_CLOSE_CODES = {
  ...CLOSE_CODES,
  /**
   * Reconnect and resume: the server is shutting down (SIGTERM), or the event bus came back after
   * an outage during which this socket may have missed events from other instances.
   */
  RESUME: 4012,
  /** The socket fell past its backpressure limit (it stopped reading): reconnect and resume. */
  BACKPRESSURE: 4029,
} as const;
