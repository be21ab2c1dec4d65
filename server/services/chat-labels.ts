// Chat labels: put on and taken off by whoever may see the chat (labels describe the
// conversation for the team; they never reach the visitor). Each change is one conditional
// update, so two agents labelling at once never exceed the per-chat limit or store a label twice;
// other agents' lists follow through the ordinary chat.updated frame.
import type { AppContext } from '../context';
import type { ChatDoc } from '../db/types';
import { CHAT_LABEL_LIMITS, normalizeLabel } from '../domain/chat-labels';
import { badRequest, notFound } from '../errors';
import { chatForAgent } from './access';
import { publishChatChange } from './chat-events';
import type { AgentAuth } from './sessions';

/** A label from the outside world, normalized; a refusal names `field`. */
export function labelOf(raw: string, field: string): string {
  const r = normalizeLabel(raw);
  if (!r.ok) throw badRequest(r.message, field);
  return r.value;
}

async function announce(ctx: AppContext, auth: AgentAuth, chat: ChatDoc): Promise<void> {
  await publishChatChange(ctx, chat, 'updated', { byUserId: auth.user._id.toString() });
}

export async function addChatLabel(ctx: AppContext, auth: AgentAuth, chatId: string, raw: string): Promise<ChatDoc> {
  const label = labelOf(raw, 'body.label');
  const { chat } = await chatForAgent(ctx, auth, chatId, 'view');
  const chats = ctx.repos.forOrg(auth.org._id).chats;
  const updated = await chats.findOneAndUpdate(
    { _id: chat._id, labels: { $ne: label }, [`labels.${CHAT_LABEL_LIMITS.perChat - 1}`]: { $exists: false } },
    { $push: { labels: label } },
  );
  if (updated) {
    await announce(ctx, auth, updated);
    return updated;
  }
  const now = await chats.findById(chat._id);
  if (!now) throw notFound('Chat');
  // Already there: adding it again changes nothing (a double click, or two agents at once).
  if ((now.labels ?? []).includes(label)) return now;
  throw badRequest(`A chat carries at most ${CHAT_LABEL_LIMITS.perChat} labels`, 'body.label');
}

export async function removeChatLabel(ctx: AppContext, auth: AgentAuth, chatId: string, raw: string): Promise<ChatDoc> {
  const label = labelOf(raw, 'params.label');
  const { chat } = await chatForAgent(ctx, auth, chatId, 'view');
  const chats = ctx.repos.forOrg(auth.org._id).chats;
  const updated = await chats.findOneAndUpdate({ _id: chat._id, labels: label }, { $pull: { labels: label } });
  if (updated) {
    await announce(ctx, auth, updated);
    return updated;
  }
  // Not on the chat (anymore): the state asked for already holds.
  return (await chats.findById(chat._id)) ?? chat;
}

/** The labels on the organization's chats, for the inbox filter and the editor's suggestions. */
export async function labelsInUse(ctx: AppContext, auth: AgentAuth): Promise<string[]> {
  const labels = await ctx.repos.forOrg(auth.org._id).chats.distinct<string>('labels', {});
  return labels.filter((l) => typeof l === 'string').sort().slice(0, 500);
}
