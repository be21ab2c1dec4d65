// What the chat coordinator (chat.ts) takes from the panel and hands back to it.
import type { WidgetConfigDto } from '../../shared/types/dto';

export interface ChatOptions {
  org: string;
  base: string;
  team: string | null;
  userId: string | null;
  userHash: string | null;
  locale?: string | null; // the panel's language, sent with the session and the chat
  config: WidgetConfigDto | null;
  onUnread(count: number): void;
  onEvent(name: string, detail: unknown): void;
}

export interface Notice {
  key: string;
  /** Shown after the message with this seq. */
  afterSeq: number;
  text: string;
  params?: Record<string, string>;
}
