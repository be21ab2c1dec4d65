// The chat lifecycle's in-process events: chat code announces what happened, routing (and any
// later feature) subscribes, so chat code never depends on routing. Each event is emitted after
// the change is stored and announced on the bus; `emit` waits for the listeners, in order, so
// the answer to "start a chat" already carries the assignment routing made.
import type { UnresponsiveChoice } from '../../shared/types/enums';
import type { ChatDoc, ContactDoc } from '../db/types';
import type { ContactChange } from '../../shared/types/integrations';
import { createEmitter, type Emitter } from './emitter';

/** What a chat was before an assignment (routing compares to notify the right people). */
export interface ChatFacts {
  teamId: string;
  status: ChatDoc['status'];
  assigneeId: string | null;
}

export type ChatLifecycleEvents = {
  /** A chat was opened (widget, console, handoff). */
  'chat.created': { chat: ChatDoc };
  /** An agent wrote in the chat: the unresponsive-agent clock stops. */
  'chat.agentReplied': { chat: ChatDoc };
  'chat.ended': { chat: ChatDoc };
  /** The visitor wrote in a chat that has an auto-resolve pending: the idle clock starts over. */
  'chat.contactReplied': { chat: ChatDoc };
  /** The visitor rated the chat after its end (services/ratings.ts). */
  'chat.rated': { chat: ChatDoc };
  /** An agent or automation assigned the chat or moved it to a team (not self-claims). */
  'chat.assigned': { chat: ChatDoc; byUserId: string | null; previous: ChatFacts };
  /**
   * The visitor answered the unresponsive-agent offer. Its listener throws CONFLICT when there is
   * no open choice any more (a double click), and the caller must hear it, so it is not guarded.
   */
  'chat.visitorChose': { chat: ChatDoc; choice: UnresponsiveChoice };
  /**
   * A contact's record was edited (its fields, status, tags or custom fields): the contacts
   * service announces it, webhooks (and any later feature) listen, so the two stay apart.
   */
  'contact.updated': { contact: ContactDoc; changed: ContactChange[] };
};

export type ChatLifecycle = Emitter<ChatLifecycleEvents>;

export const createChatLifecycle = (): ChatLifecycle => createEmitter<ChatLifecycleEvents>();
