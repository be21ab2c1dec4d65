import { describe, expect, test } from 'bun:test';
import { backoffDelay } from './backoff';
import { CLOSE_CODES } from './messages';
import { ReconnectingSocket, SILENCE_CLOSE_CODE, type ReconnectingSocketOptions } from './reconnecting-socket';

// A fake clock: timers fire only when the test advances time.
function fakeClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (h: unknown) => void timers.delete(h as number),
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
  };
}

class FakeWebSocket {
  static all: FakeWebSocket[] = [];
  static failNext = false;
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    if (FakeWebSocket.failNext) {
      FakeWebSocket.failNext = false;
      throw new SyntaxError('bad url');
    }
    FakeWebSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code: number) {
    this.closedWith ??= code;
    this.readyState = 3;
  }
  // Server side.
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  frame(data: unknown) {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) });
  }
  serverClose(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

type Step =
  | ['open']
  | ['up']
  | ['frame', unknown]
  | ['raw', string]
  | ['close', number]
  | ['advance', number]
  | ['lose']
  | ['stop']
  | ['connect']
  | ['failNext']
  | ['oldSocket', 'frame' | 'close'];

function run(steps: Step[], extra: Partial<ReconnectingSocketOptions> = {}) {
  FakeWebSocket.all = [];
  FakeWebSocket.failNext = false;
  const clock = fakeClock();
  const log: string[] = [];
  const s = new ReconnectingSocket({
    url: 'ws://x/ws',
    silenceLimitMs: 40_000,
    WebSocketImpl: FakeWebSocket as unknown as new (url: string) => WebSocket,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    now: clock.now,
    onOpen: () => log.push('open'),
    onFrame: (f) => log.push(`frame ${JSON.stringify(f)}`),
    onLost: () => log.push(`lost ${s.attempt}`),
    onUnauthorized: () => log.push('unauthorized'),
    ...extra,
  });
  const last = () => FakeWebSocket.all[FakeWebSocket.all.length - 1]!;
  s.connect();
  for (const step of steps) {
    switch (step[0]) {
      case 'open': last().open(); break;
      case 'up': s.up(); break;
      case 'frame': last().frame(step[1]); break;
      case 'raw': last().frame(step[1]); break;
      case 'close': last().serverClose(step[1]); break;
      case 'advance': clock.advance(step[1]); break;
      case 'lose': s.lose(); break;
      case 'stop': s.stop(); break;
      case 'connect': s.connect(); break;
      case 'failNext': FakeWebSocket.failNext = true; break;
      case 'oldSocket': {
        const old = FakeWebSocket.all[FakeWebSocket.all.length - 2]!;
        if (step[1] === 'frame') old.frame({ type: 'stale' });
        else old.serverClose(1006);
        break;
      }
    }
  }
  return { s, log, clock, sockets: FakeWebSocket.all };
}

const R0 = backoffDelay(0, {}, () => 1); // the longest first retry
const R1 = backoffDelay(1, {}, () => 1);

describe('ReconnectingSocket', () => {
  test.each<[string, Step[], string[], number]>([
    // name, steps, log, sockets created
    ['opens and delivers JSON frames', [['open'], ['frame', { type: 'x' }]], ['open', 'frame {"type":"x"}'], 1],
    ['drops frames that are not JSON', [['open'], ['raw', 'not json']], ['open'], 1],
    ['retries after a clean close', [['open'], ['close', 1006], ['advance', R0]], ['open', 'lost 1'], 2],
    ['resume closes (4012, 4029) reconnect', [['open'], ['close', CLOSE_CODES.RESUME], ['advance', R0], ['open'], ['close', 4029], ['advance', R1]], ['open', 'lost 1', 'open', 'lost 2'], 3],
    ['4401: no retry', [['open'], ['close', CLOSE_CODES.UNAUTHORIZED], ['advance', 120_000]], ['open', 'unauthorized'], 1],
    ['a failed attempt keeps counting', [['close', 1006], ['advance', R0], ['close', 1006], ['advance', R1]], ['lost 1', 'lost 2'], 3],
    ['up() resets the count', [['close', 1006], ['advance', R0], ['open'], ['up'], ['close', 1006]], ['lost 1', 'open', 'lost 1'], 2],
    ['the constructor throwing schedules a retry', [['stop'], ['failNext'], ['connect'], ['advance', R0]], ['lost 1'], 2],
    ['events of an old socket are ignored', [['open'], ['close', 1006], ['advance', R0], ['oldSocket', 'frame'], ['oldSocket', 'close']], ['open', 'lost 1'], 2],
    ['lose() retries, stop() does not', [['open'], ['lose'], ['stop'], ['advance', 120_000]], ['open', 'lost 1'], 1],
    ['silence forces a half-open socket closed', [['open'], ['up'], ['advance', 50_000]], ['open', 'lost 1'], 1],
    ['frames keep a quiet socket alive', [['open'], ['up'], ['advance', 25_000], ['frame', { type: 'pong' }], ['advance', 25_000], ['frame', { type: 'pong' }], ['advance', 25_000]], ['open', 'frame {"type":"pong"}', 'frame {"type":"pong"}'], 1],
  ])('%s', (_name, steps, log, created) => {
    const r = run(steps);
    expect(r.log).toEqual(log);
    expect(r.sockets.length).toBe(created);
  });

  test('pings every 25 s once up, closes 4000 after the silence limit', () => {
    const { sockets, log } = run([['open'], ['up'], ['advance', 25_000], ['advance', 25_000]]);
    expect(sockets[0]!.sent).toEqual([{ type: 'ping' }]);
    expect(sockets[0]!.closedWith).toBe(SILENCE_CLOSE_CODE);
    expect(log).toEqual(['open', 'lost 1']);
  });

  test('no pings before up()', () => {
    const { sockets } = run([['open'], ['advance', 100_000]]);
    expect(sockets[0]!.sent).toEqual([]);
  });

  test('retry delays follow backoffDelay and stop() cancels the pending one', () => {
    const { clock, s } = run([['close', 1006]]);
    const [delay] = clock.pending();
    expect(delay).toBeGreaterThanOrEqual(backoffDelay(0, {}, () => 0));
    expect(delay).toBeLessThanOrEqual(R0);
    expect(s.retryPending).toBe(true);
    s.stop();
    expect(s.retryPending).toBe(false);
    expect(clock.pending()).toEqual([]);
  });

  test('beforeConnect returning false skips the attempt', () => {
    let allow = false;
    const { sockets, s } = run([], { beforeConnect: () => allow });
    expect(sockets.length).toBe(0);
    allow = true;
    s.connect();
    expect(sockets.length).toBe(1);
  });

  test('send only on an open socket; drop closes 1000 without a retry', () => {
    const { s, sockets, clock, log } = run([]);
    expect(s.send({ type: 'ping' })).toBe(false);
    sockets[0]!.open();
    expect(s.send({ type: 'ping' })).toBe(true);
    s.drop();
    expect(sockets[0]!.closedWith).toBe(1000);
    expect(s.active).toBe(false);
    clock.advance(120_000);
    expect(log).toEqual(['open']);
  });
});
