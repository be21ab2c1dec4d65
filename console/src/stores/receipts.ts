// Read receipts of the visitor side, for the chats store (issue 17.5). A live `chat.read` (or the
// replay's) is kept apart from the chat itself, so a list frame built before it cannot lower it:
// the receipt shown is whichever is higher.
import { reactive } from 'vue';
import type { ChatDto } from '../../../shared/types/dto';

export interface Receipt {
  seq: number;
  at: string | null;
}

export function visitorReceipts(byId: Record<string, ChatDto>) {
  const live = reactive<Record<string, Receipt>>({});

  function setRead(chatId: string, side: 'agent' | 'visitor', seq: number, at: string | null) {
    if (side === 'visitor' && (live[chatId]?.seq ?? 0) < seq) live[chatId] = { seq, at };
  }

  /** How far the visitor has read this chat (0: nothing yet), and when. */
  function visitorRead(chatId: string): Receipt {
    const chat = byId[chatId];
    const stored = { seq: chat?.visitorReadSeq ?? 0, at: chat?.visitorReadAt ?? null };
    const got = live[chatId];
    return got && got.seq > stored.seq ? got : stored;
  }

  /** Session reset: the receipts were the last user's. */
  function reset() {
    for (const id of Object.keys(live)) delete live[id];
  }

  return { setRead, visitorRead, reset };
}
