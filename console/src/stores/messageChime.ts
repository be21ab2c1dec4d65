// Should a live message chime once? Only a visitor's new message in a chat assigned to me that I
// am not looking at (another chat is open, or the tab is hidden), and only if my profile allows
// sound. Pure, so the rule is a table test (messageChime.test.ts); realtime/index.ts plays it.
import type { ChatDto, MessageDto } from '../../../shared/contract/chats';

export interface ChimeFacts {
  message: Pick<MessageDto, 'seq' | 'author'>;
  /** The chat as the store holds it before the message is merged; null when unknown. */
  chat: Pick<ChatDto, 'status' | 'assigneeId'> | null;
  myId: string | null;
  /** The message's seq is already held (a replay after a reconnect, a duplicate frame). */
  alreadyHeld: boolean;
  /** The chat is open in the pane. */
  open: boolean;
  tabVisible: boolean;
  /** Profile → notifications → sound. */
  sound: boolean;
  /** The chat already rings as newly assigned (useRinger): no extra chime on top. */
  ringing: boolean;
}

export function shouldChimeForMessage(f: ChimeFacts): boolean {
  if (!f.sound || f.alreadyHeld || f.ringing || !f.myId) return false;
  if (f.message.author.kind !== 'contact') return false;
  if (!f.chat || f.chat.status !== 'assigned' || f.chat.assigneeId !== f.myId) return false;
  return !(f.open && f.tabVisible);
}
