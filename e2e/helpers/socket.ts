// Typed waits on the realtime protocol (shared/protocol): a journey waits for "the server sent
// `session.revoked`" the way it waits for a mail or a row — on the event itself, with a timeout
// and an error that lists what did arrive. Two sources: a socket of our own (`agentSocket`, an
// agent's cookie, as the console connects) and the page's own socket seen through a Playwright
// proxy (`proxySocket`), which can also withhold frames to stage a lost connection or a missed
// revocation.
import type { Page, WebSocketRoute } from 'playwright-core';
import type { ServerMessage, ServerMessageOf } from '../../shared/protocol/messages';
import { UI_TIMEOUT } from './wait';

export type FrameType = ServerMessage['type'];

interface Waiter {
  test: (frame: ServerMessage) => boolean;
  resolve: (frame: ServerMessage) => void;
}

/** The frames one socket received, in order, and waits on them. */
export class FrameLog {
  readonly frames: ServerMessage[] = [];
  /** The close code, once the server closed the socket. */
  closeCode: number | null = null;
  private readonly waiters = new Set<Waiter>();
  private readonly closeWaiters = new Set<(code: number) => void>();

  /** Records a raw frame (non-JSON and untyped data are ignored) and wakes whoever waits for it. */
  add(raw: string | Buffer | ArrayBuffer): ServerMessage | null {
    let frame: unknown;
    try {
      frame = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw as ArrayBuffer).toString('utf8'));
    } catch {
      return null;
    }
    if (typeof frame !== 'object' || frame === null || typeof (frame as { type?: unknown }).type !== 'string') return null;
    const typed = frame as ServerMessage;
    this.frames.push(typed);
    for (const w of [...this.waiters]) {
      if (!w.test(typed)) continue;
      this.waiters.delete(w);
      w.resolve(typed);
    }
    return typed;
  }

  closed(code: number): void {
    this.closeCode = code;
    for (const resolve of this.closeWaiters) resolve(code);
    this.closeWaiters.clear();
  }

  /** Frames of one type received so far. */
  all<K extends FrameType>(type: K): ServerMessageOf<K>[] {
    return this.frames.filter((f): f is ServerMessageOf<K> => f.type === type);
  }

  /** The first frame of `type` that `match` accepts — one already received, or the next to come. */
  next<K extends FrameType>(type: K, match: (frame: ServerMessageOf<K>) => boolean = () => true, timeoutMs = UI_TIMEOUT): Promise<ServerMessageOf<K>> {
    const test = (f: ServerMessage): f is ServerMessageOf<K> => f.type === type && match(f as ServerMessageOf<K>);
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { test, resolve: (f) => (clearTimeout(timer), resolve(f as ServerMessageOf<K>)) };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const types = this.frames.map((f) => f.type).join(', ') || 'nothing';
        reject(new Error(`no "${type}" frame within ${timeoutMs} ms; received ${types}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** The close code, once the server closes the socket. */
  nextClose(timeoutMs = UI_TIMEOUT): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const done = (code: number) => (clearTimeout(timer), resolve(code));
      const timer = setTimeout(() => {
        this.closeWaiters.delete(done);
        reject(new Error(`the socket was not closed within ${timeoutMs} ms`));
      }, timeoutMs);
      this.closeWaiters.add(done);
    });
  }
}

export interface AgentSocket {
  frames: FrameLog;
  close(): void;
}

/** A socket to `/ws` with an agent's session cookie, open once the server said `ready`. */
export async function agentSocket(base: string, cookie: string, timeoutMs = UI_TIMEOUT): Promise<AgentSocket> {
  const frames = new FrameLog();
  const url = `${base.replace(/^http/, 'ws')}/ws`;
  // Bun's WebSocket takes headers: the cookie, and the Origin the server checks on upgrades.
  const ws = new WebSocket(url, { headers: { cookie, origin: base } } as unknown as string[]);
  ws.onmessage = (ev: MessageEvent) => void frames.add(ev.data as string);
  ws.onclose = (ev: CloseEvent) => frames.closed(ev.code);
  await Promise.race([
    frames.next('ready', () => true, timeoutMs),
    frames.nextClose(timeoutMs).then((code) => Promise.reject(new Error(`the socket was refused (${code})`))),
  ]);
  return { frames, close: () => ws.close(1000) };
}

export interface SocketProxy {
  /** What the server sent, whether passed on to the page or withheld. */
  frames: FrameLog;
  /** Frames the page should not get (they are still logged). */
  withhold(test: ((frame: ServerMessage) => boolean) | null): void;
  /** When the server closes its side: pass the close on to the page (the default), or keep the page's socket open. */
  passCloses(pass: boolean): void;
  /** The page's side, once it connected. */
  page(): WebSocketRoute | null;
}

/** Puts a proxy between the page and the server's socket at `url` (a Playwright glob). Call before the page connects. */
export async function proxySocket(page: Page, url: string): Promise<SocketProxy> {
  const frames = new FrameLog();
  let withheld: ((frame: ServerMessage) => boolean) | null = null;
  let passCloses = true;
  let current: WebSocketRoute | null = null;
  await page.routeWebSocket(url, (ws) => {
    current = ws;
    const server = ws.connectToServer();
    server.onMessage((message) => {
      const frame = frames.add(message);
      if (!frame || !withheld?.(frame)) ws.send(message);
    });
    server.onClose((code, reason) => {
      frames.closed(code ?? 1005);
      if (passCloses) void ws.close({ code, reason });
    });
  });
  return {
    frames,
    withhold: (test) => void (withheld = test),
    passCloses: (pass) => void (passCloses = pass),
    page: () => current,
  };
}
