// A way into a stand-in running in this same process without a socket: `npm start` runs the
// stand-in inside the server, where every command of the message writer's hot wire went out over
// loopback TCP and came back in again — a send, a receive and an event-loop wake-up on each side,
// per command (measured: the socket write alone was a fifth of the server's sampled CPU per
// message). A lane takes the same wire-protocol bytes and gives back the same reply bytes, through
// the same per-connection path as a socket (server.ts `serveFrame`: order, durability waits,
// interleaving), so what the database does is unchanged; only the transport is gone.
//
// Lanes are offered by address: only a stand-in of this process registers one, so a URI naming
// any other database (another process, a real mongod) finds none and keeps its socket.

export interface LocalLane {
  /** False once the stand-in stopped (or can write nothing more): callers go back to the driver. */
  readonly open: boolean;
  /**
   * One whole wire message. Its reply comes to `onReply` (matched by request id: a write sent
   * `j: false` may be answered before an earlier one still waiting for the journal); a message
   * that cannot be read, or a stand-in stopping with the reply still owed, comes to `onError`.
   */
  request(message: Uint8Array, onReply: (reply: Buffer) => void, onError: (err: Error) => void): void;
}

const offered = new Map<string, () => LocalLane>();

const key = (host: string, port: number): string => `${host}:${port}`;

/** Offers lanes into the stand-in listening at host:port; the returned function withdraws the offer. */
export function offerLocalLanes(host: string, port: number, open: () => LocalLane): () => void {
  offered.set(key(host, port), open);
  return () => {
    if (offered.get(key(host, port)) === open) offered.delete(key(host, port));
  };
}

/** A lane into the stand-in at host:port when it runs in this process, else null. */
export function openLocalLane(host: string, port: number): LocalLane | null {
  return offered.get(key(host, port))?.() ?? null;
}
