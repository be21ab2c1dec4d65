// The contact's answer to the unresponsive-agent offer, from whichever door it comes (the
// widget's socket or REST, or the bot platform's API): one rule for all three.
import type { UnresponsiveChoice } from '../../shared/types/enums';
import type { AppContext } from '../context';
import type { ChatDoc } from '../db/types';
import { conflict } from '../errors';

export async function answerVisitorChoice(ctx: AppContext, chat: ChatDoc, choice: UnresponsiveChoice): Promise<ChatDoc> {
  if (!chat.awaitingChoice) throw conflict('There is no open choice in this chat');
  // Routing acts on the answer (and refuses a second one with the same 409).
  await ctx.events.emit('chat.visitorChose', { chat, choice });
  return (await ctx.repos.forOrg(chat.orgId).chats.findById(chat._id)) ?? chat;
}
