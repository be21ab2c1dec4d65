// What a visitor may do once their chat has ended (issue 18): rate it, and have its transcript
// e-mailed. Decisions:
// - A rating is a score of 1–5 stars (no good/bad variant) with an optional comment of at most
//   RATING_COMMENT_MAX characters.
// - A chat can be rated from its end until RATING_WINDOW_HOURS after it; rating again in that
//   window replaces the earlier rating (a visitor who misclicked fixes it). After it: 409.
// - The transcript goes to the e-mail given, or to the contact's; a contact without one must give
//   it (it is then stored on the contact). At most TRANSCRIPT_SENDS_PER_CHAT per chat and hour.
import { t, email, errorBody, strict, integer, widgetErrors, type Static } from './common';
import { chatSchema } from './chats';
import { RATING_COMMENT_MAX } from './rating';

export { RATING_COMMENT_MAX, RATING_WINDOW_HOURS, ratingSchema, type RatingDto } from './rating';
export const TRANSCRIPT_SENDS_PER_CHAT = 3;

export const rateBody = t.Object(
  {
    score: integer(1, 5, { description: '1 (poor) to 5 (excellent) stars' }),
    comment: t.Optional(t.String({ maxLength: RATING_COMMENT_MAX })),
  },
  strict,
);

export const transcriptBody = t.Object({ email: t.Optional(email) }, strict);
export const transcriptSentSchema = t.Object({ sentTo: t.String({ description: 'The address the transcript went to' }) }, { title: 'TranscriptSent' });

const errors = { ...widgetErrors, 403: errorBody } as const;
export const afterEndResponses = {
  rated: { 200: chatSchema, ...errors },
  transcript: { 202: transcriptSentSchema, ...errors },
} as const;

export type RateInput = Static<typeof rateBody>;
export type TranscriptInput = Static<typeof transcriptBody>;
