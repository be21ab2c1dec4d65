// Visitor typing signals: one `typing: true` per burst (refreshed every few seconds while the
// visitor keeps typing, so the agent's indicator does not expire), and `typing: false` after a
// pause or when the message is sent. Timers are injected so tests can drive the clock.
import { realClock, type Clock } from './timer';

export const TYPING_REFRESH_MS = 3_000;
export const TYPING_IDLE_MS = 4_000;

export interface Timers extends Clock {
  now(): number;
}

const realTimers: Timers = { ...realClock, now: () => Date.now() };

export class TypingSignal {
  private lastTrueAt = -Infinity;
  private active = false;
  private idle: unknown = null;

  constructor(
    private readonly emit: (typing: boolean) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The visitor changed the draft. */
  input(draftEmpty: boolean): void {
    if (draftEmpty) return this.stop();
    const now = this.timers.now();
    if (!this.active || now - this.lastTrueAt >= TYPING_REFRESH_MS) {
      this.active = true;
      this.lastTrueAt = now;
      this.emit(true);
    }
    if (this.idle !== null) this.timers.clearTimeout(this.idle);
    this.idle = this.timers.setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** Sent, cleared or idle. */
  stop(): void {
    if (this.idle !== null) this.timers.clearTimeout(this.idle);
    this.idle = null;
    if (!this.active) return;
    this.active = false;
    this.emit(false);
  }
}
