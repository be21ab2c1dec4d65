// Read receipts in the widget (issue 17.5). Out: while the panel is open in a visible tab
// (UnreadTracker's "seen"), the newest seq on screen goes to the server in a `read` frame — once
// subscribed, and only when it grows (the server coalesces and keeps the highest). In: the
// agent side's read seq (from the chat, the replay, or a live `chat.read`) decides "Seen" under
// the visitor's newest message; it only ever grows.
import type { ReactiveControllerHost } from 'lit';
import type { ChatDto } from '../../shared/types/dto';
import type { ClientMessage } from '../../shared/protocol/messages';

export class ReadReceipts {
  /** The visitor's messages up to this seq were read by an agent. */
  agentSeq = 0;
  private sent = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly chat: () => ChatDto | null,
    private readonly store: { readonly lastSeq: number },
    private readonly isSubscribed: (chatId: string) => boolean,
    private readonly send: (frame: ClientMessage) => boolean,
  ) {}

  /** Another chat: nothing read yet. */
  reset(): void {
    this.agentSeq = 0;
    this.sent = 0;
  }

  /** The agent side read up to `seq` (stored on the chat, replayed, or live). */
  agentRead(seq: number | undefined): void {
    if (!seq || seq <= this.agentSeq) return;
    this.agentSeq = seq;
    this.host.requestUpdate();
  }

  /** The messages are on screen: report how far. */
  seen(): void {
    const chat = this.chat();
    const seq = this.store.lastSeq;
    if (!chat || seq <= this.sent || !this.isSubscribed(chat.id)) return;
    if (this.send({ type: 'read', chatId: chat.id, seq })) this.sent = seq;
  }
}
