// The waiting visitor's place in the team's queue (issue 18.4): read once when a waiting chat is
// shown, then kept live by `queue.position` frames (the server recomputes on queue changes).
import type { ReactiveControllerHost } from 'lit';
import type { ChatDto } from '../../shared/types/dto';
import type { ServerMessageOf } from '../../shared/protocol/messages';
import type { WidgetApi } from '../internal/api';

export interface QueuePlace {
  chatId: string;
  position: number;
  estimatedWaitSeconds: number | null;
}

export class QueueTracker {
  place: QueuePlace | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: WidgetApi,
  ) {}

  /** The place for `chat` while it waits; null otherwise. */
  of(chat: ChatDto | null): QueuePlace | null {
    return chat && chat.status === 'unassigned' && this.place?.chatId === chat.id ? this.place : null;
  }

  async load(chat: ChatDto | null): Promise<void> {
    if (!chat || chat.status !== 'unassigned') return;
    try {
      const res = await this.api.queue(chat.id);
      // A frame may have come meanwhile; it is at least as new as this answer.
      if (res.position !== null && this.place?.chatId !== chat.id) this.set({ chatId: res.chatId, position: res.position, estimatedWaitSeconds: res.estimatedWaitSeconds });
    } catch {
      // No place shown is better than a wrong one; frames still bring it.
    }
  }

  onFrame(frame: ServerMessageOf<'queue.position'>): void {
    this.set({ chatId: frame.chatId, position: frame.position, estimatedWaitSeconds: frame.estimatedWaitSeconds });
  }

  private set(place: QueuePlace): void {
    this.place = place;
    this.host.requestUpdate();
  }
}
