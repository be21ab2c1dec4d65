// Typing, both ways: the visitor's signal to the agent (internal/typing paces it), and the
// agent's "is typing…" line, which expires on its own because a `typing: false` can be lost.
import type { ReactiveControllerHost } from 'lit';
import type { ServerMessageOf } from '../../shared/protocol/messages';
import type { NamedTimers } from '../internal/timer';
import { TypingSignal } from '../internal/typing';

const AGENT_TYPING_TTL_MS = 8_000;

export interface TypingOptions {
  timers: NamedTimers<'agentTyping'>;
  /** The chat the signal is about, or null when there is none to type in (none yet, or ended). */
  openChatId(): string | null;
  /** Sends only on an authenticated socket: a lost signal is not worth a retry. */
  send(chatId: string, typing: boolean): void;
}

export class TypingController {
  /** Agent typing: undefined = nobody, string = name ('' when unknown). */
  agent: string | undefined;
  private readonly signal: TypingSignal;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: TypingOptions,
  ) {
    this.signal = new TypingSignal((typing) => {
      const chatId = opts.openChatId();
      if (chatId) opts.send(chatId, typing);
    });
  }

  /** The visitor changed the draft. */
  input(draftEmpty: boolean): void {
    if (this.opts.openChatId()) this.signal.input(draftEmpty);
  }

  /** Sent, ended, or the widget goes away: `typing: false` now if we said true. */
  stop(): void {
    this.signal.stop();
  }

  /** A `typing` frame of the shown chat. */
  onFrame(frame: ServerMessageOf<'typing'>): void {
    if (frame.author.kind !== 'agent') return;
    this.opts.timers.clear('agentTyping');
    this.agent = frame.typing ? (frame.author.name ?? '') : undefined;
    // A lost `typing: false` must not leave "is typing…" on screen forever.
    if (frame.typing) this.opts.timers.set('agentTyping', AGENT_TYPING_TTL_MS, () => this.setAgent(undefined));
    this.host.requestUpdate();
  }

  /** The agent's message arrived, the chat ended or another chat is shown (the caller re-renders). */
  clearAgent(): void {
    this.agent = undefined;
  }

  private setAgent(value: string | undefined): void {
    this.agent = value;
    this.host.requestUpdate();
  }
}
