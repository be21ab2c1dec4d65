// The unresponsive-agent choice ("another agent" / "keep waiting"): sent once, over the socket
// when it is up and over REST when it is not, or when the socket died before the answer came.
import type { ReactiveControllerHost } from 'lit';
import type { ClientMessage } from '../../shared/protocol/messages';
import type { ChatDto } from '../../shared/types/dto';
import type { UnresponsiveChoice } from '../../shared/types/enums';
import type { WidgetApi } from '../internal/api';
import type { NamedTimers } from '../internal/timer';

const CHOICE_FALLBACK_MS = 8_000;

export interface ChoiceOptions {
  api: WidgetApi;
  timers: NamedTimers<'choice'>;
  chat(): ChatDto | null;
  send(frame: ClientMessage): boolean;
  /** The chat as the REST route answered it. */
  applyChat(chat: ChatDto): void;
}

export class ChoiceController {
  /** The choice being sent, so the buttons can show it and not be pressed twice. */
  choosing: UnresponsiveChoice | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: ChoiceOptions,
  ) {}

  choose(choice: UnresponsiveChoice): void {
    const chat = this.opts.chat();
    if (!chat || this.choosing) return;
    this.choosing = choice;
    this.host.requestUpdate();
    if (!this.opts.send({ type: 'choice', chatId: chat.id, choice })) return this.viaRest(chat.id, choice);
    // No chat.updated in time (socket died after sending): the REST route is idempotent enough —
    // a second identical choice for a chat no longer awaiting one is simply refused.
    this.opts.timers.set('choice', CHOICE_FALLBACK_MS, () => {
      if (this.choosing === choice && this.opts.chat()?.awaitingChoice) this.viaRest(chat.id, choice);
    });
  }

  /** The chat changed: once it no longer awaits a choice, the buttons are done. The caller re-renders. */
  onChat(chat: ChatDto): void {
    if (!chat.awaitingChoice) this.choosing = null;
  }

  /** The socket refused the choice: let the visitor press again. */
  refused(): void {
    this.choosing = null;
    this.host.requestUpdate();
  }

  private viaRest(chatId: string, choice: UnresponsiveChoice): void {
    this.opts.api.choice(chatId, choice).then(
      (c) => this.opts.applyChat({ ...c, awaitingChoice: false }),
      () => this.refused(),
    );
  }
}
