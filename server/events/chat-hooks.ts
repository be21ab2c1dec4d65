// Where routing plugs into the chat lifecycle, so chat code does not depend on routing. Each hook
// runs after the change is stored and announced; routing's closures carry their own context.
import type { ChatDoc } from '../db/types';

export interface ChatHooks {
  afterCreate?: (chat: ChatDoc) => Promise<void>;
  afterAgentMessage?: (chat: ChatDoc) => Promise<void>;
  afterEnd?: (chat: ChatDoc) => Promise<void>;
  /**
   * An agent or automation assigned the chat or moved it to a team (assignChat; not self-claims):
   * routing notifies the new assignee and offers a chat moved into a team to that team's agents.
   */
  afterAssign?: (
    chat: ChatDoc,
    info: { byUserId: string | null; previous: { teamId: string; status: ChatDoc['status']; assigneeId: string | null } },
  ) => Promise<void>;
  /** The visitor answered the unresponsive-agent offer. */
  visitorChoice?: (chat: ChatDoc, choice: 'another_agent' | 'keep_waiting') => Promise<ChatDoc>;
}
