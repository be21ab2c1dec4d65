// Typing frames are fanned out to every agent watching the chat, so a socket that sends them in
// a loop costs the whole team. Two rules per socket:
// - a repeat of the socket's previous indicator (same chat, same state) within REPEAT_MS is
//   dropped without an answer: the others already show it, and a client that sends one per
//   keystroke keeps working;
// - past BURST frames in WINDOW_MS the socket gets RATE_LIMITED error frames until the window ends.
export const TYPING_LIMITS = { repeatMs: 1000, burst: 20, windowMs: 10_000 } as const;

export type TypingVerdict = { kind: 'pass' } | { kind: 'drop' } | { kind: 'refuse'; retryAfterSeconds: number };

interface SocketTyping {
  windowStart: number;
  count: number;
  last: { chatId: string; typing: boolean; at: number } | null;
}

export class TypingThrottle {
  private readonly sockets = new WeakMap<object, SocketTyping>();

  check(socket: object, chatId: string, typing: boolean, now: number): TypingVerdict {
    let state = this.sockets.get(socket);
    if (!state) this.sockets.set(socket, (state = { windowStart: now, count: 0, last: null }));
    if (now - state.windowStart >= TYPING_LIMITS.windowMs) {
      state.windowStart = now;
      state.count = 0;
    }
    state.count += 1;
    if (state.count > TYPING_LIMITS.burst) {
      return { kind: 'refuse', retryAfterSeconds: Math.max(1, Math.ceil((state.windowStart + TYPING_LIMITS.windowMs - now) / 1000)) };
    }
    const last = state.last;
    if (last && last.chatId === chatId && last.typing === typing && now - last.at < TYPING_LIMITS.repeatMs) return { kind: 'drop' };
    state.last = { chatId, typing, at: now };
    return { kind: 'pass' };
  }
}
