// The visitor rates their chat after its end (issue 18 item 5; decisions in
// shared/contract/after-end.ts): 1–5 stars and an optional comment, stored on the chat as
// `rating`, replaceable until RATING_WINDOW_HOURS after the end.
import { RATING_WINDOW_HOURS, type RateInput } from '../../shared/contract/after-end';
import type { AppContext } from '../context';
import type { ChatDoc } from '../db/types';
import { AppError } from '../errors';
import { publishChatChange } from './chat-events';

const HOUR_MS = 3_600_000;

export const RATING_ERROR_REASONS = { notEnded: 'chat_not_ended', closed: 'rating_closed' } as const;

export async function rateChat(ctx: AppContext, chat: ChatDoc, input: RateInput): Promise<ChatDoc> {
  if (chat.status !== 'ended' || !chat.endedAt) {
    throw new AppError('CONFLICT', 'A chat can be rated once it has ended', undefined, { reason: RATING_ERROR_REASONS.notEnded });
  }
  const now = ctx.clock.now();
  const closesAt = new Date(chat.endedAt.getTime() + RATING_WINDOW_HOURS * HOUR_MS);
  if (now.getTime() > closesAt.getTime()) {
    throw new AppError('CONFLICT', `Chats can be rated up to ${RATING_WINDOW_HOURS} hours after their end`, undefined, { reason: RATING_ERROR_REASONS.closed });
  }
  const comment = input.comment?.trim() ?? '';
  const rating = { score: input.score, comment: comment === '' ? null : comment, ratedAt: now };
  const updated = await ctx.repos.forOrg(chat.orgId).chats.findOneAndUpdate({ _id: chat._id, status: 'ended' }, { $set: { rating } });
  if (!updated) throw new AppError('CONFLICT', 'A chat can be rated once it has ended', undefined, { reason: RATING_ERROR_REASONS.notEnded });
  // The console's open chat and lists show it at once; webhooks hear `chat.rated`.
  await publishChatChange(ctx, updated, 'updated');
  await ctx.events.emit('chat.rated', { chat: updated });
  return updated;
}
