import { Elysia } from 'elysia';
import { CLOSE_CODES } from '../../../shared/protocol/messages';
import type { AppContext } from '../../context';
import { authPlugin } from '../../http/auth';
import type { Connection } from '../../realtime/connections';
import type { RealtimeHub } from '../../realtime/hub';
import { resolveVisitor } from '../../services/visitors';

const AUTH_TIMEOUT_MS = 10_000;

interface SocketState {
  conn?: Connection;
  authTimer?: ReturnType<typeof setTimeout>;
  /** Frames that arrived while the visitor's token was being checked, answered in order after. */
  pending?: unknown[];
  authenticating?: boolean;
}

/**
 * `/ws` for agents (session cookie checked at the upgrade) and `/ws/visitor` for visitors (the
 * first frame carries the server-issued token). Per-socket state lives in a WeakMap keyed by
 * Bun's socket, which outlives Elysia's per-event wrappers.
 */
export function realtimeModule(ctx: AppContext, hub: RealtimeHub) {
  const states = new WeakMap<object, SocketState>();
  const stateOf = (raw: object): SocketState => {
    let state = states.get(raw);
    if (!state) states.set(raw, (state = {}));
    return state;
  };

  return new Elysia()
    .use(authPlugin(ctx))
    .ws('/ws', {
      beforeHandle({ auth, set }) {
        if (!auth) {
          set.status = 401;
          return { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } };
        }
      },
      open(ws) {
        const auth = ws.data.auth;
        if (!auth) return ws.close(CLOSE_CODES.UNAUTHORIZED, 'sign in first');
        stateOf(ws.raw).conn = hub.addAgent(ws.raw, auth);
      },
      message(ws, message) {
        const conn = stateOf(ws.raw).conn;
        if (conn) void hub.handle(conn, message);
      },
      close(ws) {
        const conn = stateOf(ws.raw).conn;
        if (conn) hub.remove(conn);
      },
    })
    .ws('/ws/visitor', {
      open(ws) {
        const state = stateOf(ws.raw);
        state.authTimer = setTimeout(() => {
          if (!state.conn) ws.raw.close(CLOSE_CODES.UNAUTHORIZED, 'authenticate first');
        }, AUTH_TIMEOUT_MS);
      },
      async message(ws, message) {
        const state = stateOf(ws.raw);
        if (state.conn) return hub.handle(state.conn, message);
        if (state.authenticating) {
          (state.pending ??= []).push(message);
          return;
        }
        const frame = (typeof message === 'string' ? safeParse(message) : message) as { type?: unknown; token?: unknown } | null;
        if (frame?.type !== 'auth') {
          ws.raw.send(JSON.stringify({ type: 'error', code: 'UNAUTHENTICATED', message: 'Send {type:"auth", token} first' }));
          return;
        }
        state.authenticating = true;
        const visitor = await resolveVisitor(ctx, frame.token);
        state.authenticating = false;
        clearTimeout(state.authTimer);
        if (!visitor) {
          ws.raw.send(JSON.stringify({ type: 'error', code: 'UNAUTHENTICATED', message: 'Unknown visitor token' }));
          ws.raw.close(CLOSE_CODES.UNAUTHORIZED, 'unknown token');
          return;
        }
        state.conn = hub.addVisitor(ws.raw, visitor);
        for (const queued of state.pending ?? []) await hub.handle(state.conn, queued);
        state.pending = undefined;
      },
      close(ws) {
        const state = stateOf(ws.raw);
        clearTimeout(state.authTimer);
        if (state.conn) hub.remove(state.conn);
      },
    });
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
