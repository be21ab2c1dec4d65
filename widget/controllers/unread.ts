// The unread count on the launcher's badge. Messages count as read while the panel is open in
// a visible tab; the read marker is shared through localStorage, so reading in one tab clears the
// badge in the others.
import { patchState, readState, type VisitorState } from '../internal/storage';
import type { MessageStoreController } from './message-store';

export class UnreadTracker {
  private visible = false;
  private lastReadSeq: number;

  constructor(
    private readonly org: string,
    private readonly store: MessageStoreController,
    private readonly onUnread: (count: number) => void,
    /** Called whenever the messages are on screen (panel open, tab visible): the read receipt. */
    private readonly onSeen: () => void = () => undefined,
  ) {
    this.lastReadSeq = readState(org).lastReadSeq ?? 0;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.markRead();
    this.report();
  }

  /** Another visitor: nothing was read yet. */
  reset(): void {
    this.lastReadSeq = 0;
  }

  markRead(): void {
    if (!this.isSeen()) return;
    const seq = this.store.lastSeq;
    if (seq > this.lastReadSeq) {
      this.lastReadSeq = seq;
      patchState(this.org, { lastReadSeq: seq });
    }
  }

  report(): void {
    this.markRead();
    this.onUnread(this.isSeen() ? 0 : this.store.unread(this.lastReadSeq));
    if (this.isSeen()) this.onSeen();
  }

  /** The shared state changed in another tab: maybe it read the messages. */
  onStorage(state: VisitorState): void {
    if ((state.lastReadSeq ?? 0) > this.lastReadSeq) {
      this.lastReadSeq = state.lastReadSeq!;
      this.report();
    }
  }

  private isSeen(): boolean {
    return this.visible && document.visibilityState !== 'hidden';
  }

  private readonly onVisibility = (): void => this.report();
}
