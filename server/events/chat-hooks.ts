// Transitional: the call sites of the chat lifecycle still say `ctx.hooks.afterCreate?.(chat)`.
// These hooks are no longer filled in by routing after construction: they are built once, over
// the lifecycle events routing subscribes to, and go away when the call sites emit directly.
import type { ChatDoc } from '../db/types';
import type { Repositories } from '../db/repos';
import type { ChatFacts, ChatLifecycle } from './chat-lifecycle';

export interface ChatHooks {
  afterCreate?: (chat: ChatDoc) => Promise<void>;
  afterAgentMessage?: (chat: ChatDoc) => Promise<void>;
  afterEnd?: (chat: ChatDoc) => Promise<void>;
  afterAssign?: (chat: ChatDoc, info: { byUserId: string | null; previous: ChatFacts }) => Promise<void>;
  visitorChoice?: (chat: ChatDoc, choice: 'another_agent' | 'keep_waiting') => Promise<ChatDoc>;
}

export function hooksOver(events: ChatLifecycle, repos: Repositories): Required<ChatHooks> {
  return {
    afterCreate: (chat) => events.emit('chat.created', { chat }),
    afterAgentMessage: (chat) => events.emit('chat.agentReplied', { chat }),
    afterEnd: (chat) => events.emit('chat.ended', { chat }),
    afterAssign: (chat, info) => events.emit('chat.assigned', { chat, ...info }),
    async visitorChoice(chat, choice) {
      await events.emit('chat.visitorChose', { chat, choice });
      // The listener changed the chat; the caller answers with its new state.
      return (await repos.forOrg(chat.orgId).chats.findById(chat._id)) ?? chat;
    },
  };
}
