// The WebSocket endpoints on Bun's own WebSocket server rather than Elysia's `.ws()`: Elysia
// keeps its whole request context on every socket (about 3 KB each), and idle visitor sockets
// are the many (DESIGN §9: ≤ 4 KB per idle connection). It also skips a wrapper per frame.
//
// `/ws` is for agents: the session cookie is checked before the upgrade (401 without one).
// `/ws/visitor` is for visitors: the first frame must be `{type:'auth', token}` with the
// server-issued token, within AUTH_TIMEOUT_MS.
import type { Server, ServerWebSocket, WebSocketHandler } from 'bun';
import { CLOSE_CODES } from '../../shared/protocol/messages';
import type { AppContext } from '../context';
import { SESSION_COOKIE, resolveSession, type AgentAuth } from '../services/sessions';
import { resolveVisitor } from '../services/visitors';
import type { Connection } from './connections';
import type { RealtimeHub } from './hub';

const AUTH_TIMEOUT_MS = 10_000;

export interface SocketData {
  /** Set at the upgrade for agents; for visitors once their token checked out. */
  agent?: AgentAuth;
  conn?: Connection;
  authTimer?: ReturnType<typeof setTimeout>;
  /** Frames that arrived while the visitor's token was being checked, answered in order after. */
  pending?: unknown[];
  authenticating?: boolean;
}

type Socket = ServerWebSocket<SocketData>;

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

const unauthorized = () =>
  new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } }), {
    status: 401,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

const text = (message: string | Buffer): string => (typeof message === 'string' ? message : message.toString('utf8'));

export function createSocketServer(ctx: AppContext, hub: RealtimeHub) {
  async function visitorFrame(ws: Socket, raw: string): Promise<void> {
    const state = ws.data;
    if (state.conn) return hub.handle(state.conn, raw);
    if (state.authenticating) {
      (state.pending ??= []).push(raw);
      return;
    }
    let frame: { type?: unknown; token?: unknown } | null = null;
    try {
      frame = JSON.parse(raw) as { type?: unknown; token?: unknown };
    } catch {
      frame = null;
    }
    if (frame?.type !== 'auth') {
      ws.send(JSON.stringify({ type: 'error', code: 'UNAUTHENTICATED', message: 'Send {type:"auth", token} first' }));
      return;
    }
    state.authenticating = true;
    const visitor = await resolveVisitor(ctx, frame.token);
    state.authenticating = false;
    clearTimeout(state.authTimer);
    state.authTimer = undefined;
    if (!visitor) {
      ws.send(JSON.stringify({ type: 'error', code: 'UNAUTHENTICATED', message: 'Unknown visitor token' }));
      ws.close(CLOSE_CODES.UNAUTHORIZED, 'unknown token');
      return;
    }
    state.conn = hub.addVisitor(ws, visitor);
    const queued = state.pending ?? [];
    state.pending = undefined;
    for (const item of queued) await hub.handle(state.conn, item);
  }

  const websocket: WebSocketHandler<SocketData> = {
    open(ws) {
      if (ws.data.agent) {
        ws.data.conn = hub.addAgent(ws, ws.data.agent);
        ws.data.agent = undefined;
        return;
      }
      ws.data.authTimer = setTimeout(() => {
        if (!ws.data.conn) ws.close(CLOSE_CODES.UNAUTHORIZED, 'authenticate first');
      }, AUTH_TIMEOUT_MS);
    },
    message(ws, message) {
      const conn = ws.data.conn;
      if (conn?.kind === 'agent') return void hub.handle(conn, text(message));
      void visitorFrame(ws, text(message)).catch((err: unknown) => ctx.log.error('visitor frame failed', { err }));
    },
    close(ws) {
      clearTimeout(ws.data.authTimer);
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
    if (path === '/ws') {
      const agent = await resolveSession(ctx, cookieValue(request, SESSION_COOKIE));
      if (!agent) return unauthorized();
      return server.upgrade(request, { data: { agent } }) ? undefined : new Response('Upgrade failed', { status: 400 });
    }
    return server.upgrade(request, { data: {} }) ? undefined : new Response('Upgrade failed', { status: 400 });
  }

  return { websocket, upgrade };
}
