// The WebSocket endpoints on Bun's own WebSocket server rather than Elysia's `.ws()`: Elysia
// keeps its whole request context on every socket (about 3 KB each), and idle visitor sockets
// are the many (DESIGN §9: ≤ 4 KB per idle connection). It also skips a wrapper per frame.
//
// `/ws` is for agents: the session cookie is checked before the upgrade (401 without one).
// `/ws/visitor` is for visitors: the first frame must be `{type:'auth', token}` with the
// server-issued token, within AUTH_TIMEOUT_MS. The organization is known only then, so that is
// where the page's Origin (kept from the upgrade) is held against its widget's allowed origins.
//
// Order: the frames of one socket take their turns one after another, in arrival order (a serial
// queue per socket). A sent message's turn ends once it has its place in the message writer's
// queue (services/message-writer.ts), which stores in that order: a visitor with 8 sends in flight
// (the widget flushes its outbox after a reconnect) has them stored in the order sent, sharing
// batches, and acknowledged in that order. Frames that come while the visitor's token is still
// being checked simply wait in the same queue. Different sockets still run side by side.
//
// Shutdown: `drain()` stops taking frames (later ones are dropped: their senders have no ack and
// resend after reconnecting) and resolves once every queued frame has been answered.
import type { Server, WebSocketHandler } from 'bun';
import { CLOSE_CODES, VISITOR_ERROR_REASONS, type ErrorFrame } from '../../shared/protocol/messages';
import type { AppContext } from '../context';
import { SESSION_COOKIE, resolveSession } from '../services/sessions';
import { resolveVisitor, tokenExpired, type VisitorAuth, type VisitorLookup } from '../services/visitors';
import { originNotAllowed, requestOrigin, widgetOriginAllowed, type RequestOrigin } from '../services/widget-origins';
import type { PressurePolicy } from './backpressure';
import { AuthGate } from './auth-gate';
import { FrameQueues, type LaterAnswer } from './frame-queue';
import type { RealtimeHub } from './hub';
import { clientIp } from '../http/client-ip';
import { ownOrigins } from '../http/same-origin';
import { SOCKET_CAPS, SocketCaps } from './socket-caps';
import { SocketState, type Socket } from './socket-state';

const AUTH_TIMEOUT_MS = 10_000;
/** Visitor token checks in flight at once (auth-gate.ts: a reconnect storm must not pile up memory). */
const CONCURRENT_VISITOR_AUTHS = 8;

/** Bun's per-socket `data`: the socket server's state of the socket (socket-state.ts). */
export type SocketData = SocketState;

export const SOCKET_PATHS = new Set(['/ws', '/ws/visitor']);

function cookieValue(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

const tooManySockets = () =>
  new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many open connections; close some tabs and try again' } }), {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '30' },
  });

const crossSite = () =>
  new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'Connections from other sites are not accepted here' } }), {
    status: 403,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

const unauthorized = () =>
  new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } }), {
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

function parseAuth(raw: string): { type?: unknown; token?: unknown } | null {
  try {
    return JSON.parse(raw) as { type?: unknown; token?: unknown };
  } catch {
    return null;
  }
}

const text = (message: string | Buffer): string => (typeof message === 'string' ? message : message.toString('utf8'));

/** One more socket of this visitor (contact) unless it has SOCKET_CAPS.perVisitor open; else told and closed. */
function visitorHasRoom(ws: Socket, hub: RealtimeHub, visitor: VisitorAuth): boolean {
  if (hub.registry.visitorSocketCount(visitor.org._id.toString(), visitor.contact._id.toString()) < SOCKET_CAPS.perVisitor) return true;
  ws.send(JSON.stringify({ type: 'error', code: 'RATE_LIMITED', message: 'Too many open chat windows; close some and try again' }));
  ws.close(CLOSE_CODES.POLICY, 'too many sockets');
  return false;
}

/** Why a visitor's socket may not go on (unknown or expired token, refused page origin), or null. */
function visitorRefusal(ctx: AppContext, visitor: VisitorLookup, from: RequestOrigin | undefined): ErrorFrame | null {
  if (visitor === 'expired') return { type: 'error', code: 'UNAUTHENTICATED', message: tokenExpired().message, reason: VISITOR_ERROR_REASONS.tokenExpired };
  if (!visitor) return { type: 'error', code: 'UNAUTHENTICATED', message: 'Unknown visitor token' };
  if (from && !widgetOriginAllowed(ctx.config, visitor.org, from)) {
    const refusal = originNotAllowed(from.origin!);
    return { type: 'error', code: refusal.code, message: refusal.message, reason: VISITOR_ERROR_REASONS.originNotAllowed };
  }
  return null;
}

/** Tells the visitor why and closes with 4401: the widget does not retry the same token. */
function refuseVisitor(ws: Socket, frame: ErrorFrame): void {
  ws.send(JSON.stringify(frame));
  ws.close(CLOSE_CODES.UNAUTHORIZED, frame.reason ?? 'unknown token');
}

/** A visitor socket that does not authenticate in time is closed: it holds a slot for nothing. */
function armAuthTimer(ws: Socket): void {
  ws.data.authTimer = setTimeout(() => {
    if (!ws.data.conn) ws.close(CLOSE_CODES.UNAUTHORIZED, 'authenticate first');
  }, AUTH_TIMEOUT_MS);
}

/** The auth frame arrived: stop the timer; returns the page origin the socket was opened from. */
function endAuthWait(ws: Socket): RequestOrigin | undefined {
  clearTimeout(ws.data.authTimer);
  ws.data.authTimer = undefined;
  const from = ws.data.visitorOrigin;
  ws.data.visitorOrigin = undefined;
  return from;
}

export function createSocketServer(ctx: AppContext, hub: RealtimeHub) {
  const queues = new FrameQueues();
  const limitBytes = ctx.config.realtime.backpressureLimitBytes;
  // One policy for every socket: a socket's wrapper keeps only itself and this.
  const pressure: PressurePolicy<SocketState> = { limitBytes, log: ctx.log, onOverflow: (ws) => ws.data.conn && hub.remove(ws.data.conn), outbox: hub.registry.outbox };
  const caps = new SocketCaps();
  const authGate = new AuthGate(CONCURRENT_VISITOR_AUTHS);

  async function visitorAuth(ws: Socket, text: string): Promise<void> {
    const frame = parseAuth(text);
    if (frame?.type !== 'auth') {
      ws.send(JSON.stringify({ type: 'error', code: 'UNAUTHENTICATED', message: 'Send {type:"auth", token} first' }));
      return;
    }
    const visitor = await authGate.run(() => resolveVisitor(ctx, frame.token));
    const from = endAuthWait(ws);
    const refusal = visitorRefusal(ctx, visitor, from);
    if (refusal) return refuseVisitor(ws, refusal);
    if (!visitor || visitor === 'expired') return; // refused above: narrows the type
    // Closed while the token was checked: nothing to add.
    if (ws.readyState !== 1 || !visitorHasRoom(ws, hub, visitor)) return;
    ws.data.conn = hub.addVisitor(ws.data, visitor, ws.data.address);
  }

  function answer(ws: Socket, text: string): Promise<void | LaterAnswer> {
    const conn = ws.data.conn;
    return conn ? hub.handle(conn, text) : visitorAuth(ws, text);
  }

  /** Runs the frame after every earlier frame of this socket (the per-socket serial queue). */
  function enqueue(ws: Socket, text: string): void {
    if (!queues.accepting) return;
    const queued = queues.enqueue(ws.data, () => answer(ws, text), (err) => ctx.log.error('socket frame failed', { err }));
    // Through the connection when there is one, behind the frames it was already sent.
    if (!queued) (ws.data.conn?.raw ?? ws).send(JSON.stringify({ type: 'error', code: 'RATE_LIMITED', message: 'Too many frames in flight; wait for answers' }));
  }

  const websocket: WebSocketHandler<SocketData> = {
    // Off, explicitly (it is Bun's default too): a deflate context is tens of KB per socket, idle
    // sockets are the many (DESIGN §9: ≤ 4 KB each), and our frames are small JSON (a message is a
    // few hundred bytes), where deflate saves little and costs CPU on every publish.
    perMessageDeflate: false,
    open(ws) {
      const state = ws.data.attach(ws);
      if (state.agent) {
        state.conn = hub.addAgent(state, state.agent);
        state.agent = undefined;
        return;
      }
      armAuthTimer(ws);
    },
    message(ws, message) {
      enqueue(ws, text(message));
    },
    close(ws) {
      clearTimeout(ws.data.authTimer);
      caps.release(ws.data);
      if (ws.data.conn) hub.remove(ws.data.conn);
    },
  };

  /**
   * Upgrades a socket request; `null` when the path is not a socket endpoint (HTTP handles it),
   * `undefined` once upgraded, or the refusal to send.
   */
  async function upgrade(request: Request, server: Server<SocketData>): Promise<Response | undefined | null> {
    const path = new URL(request.url).pathname;
    if (!SOCKET_PATHS.has(path)) return null;
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade', { status: 426 });
    }
    // The agent socket authenticates with the session cookie, which a browser sends from any
    // site: only the console's own pages may open it (the visitor socket uses a token).
    const origin = request.headers.get('origin');
    if (path === '/ws' && origin !== null && !ownOrigins(ctx.config, request).includes(origin)) return crossSite();
    const agent = path === '/ws' ? await resolveSession(ctx, cookieValue(request, SESSION_COOKIE)) : undefined;
    if (agent === null) return unauthorized();
    const address = clientIp(ctx, request);
    const held = caps.takeUpgrade(address, agent?.sessionHash);
    if (held === null) return tooManySockets();
    const state = new SocketState(pressure, agent, address, agent ? undefined : requestOrigin(request));
    state.addressSlot = held.addressSlot;
    if (server.upgrade(request, { data: state })) return undefined;
    caps.release(state);
    return new Response('Upgrade failed', { status: 400 });
  }

  return {
    websocket,
    upgrade,
    /** Stops taking frames; resolves once those already taken are answered (false at `timeoutMs`). */
    drain: (timeoutMs: number) => queues.drain(timeoutMs),
    get inFlight() {
      return queues.inFlight;
    },
  };
}
