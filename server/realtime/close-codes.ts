// The protocol's close codes as the server uses them. Clients reconnect on every code but 4401,
// and on reconnect resume each open chat from their highest contiguous seq, so RESUME and
// BACKPRESSURE both mean "come back and catch up": nothing was lost, the socket just may have
// missed frames.
export { CLOSE_CODES as SERVER_CLOSE_CODES } from '../../shared/protocol/messages';
