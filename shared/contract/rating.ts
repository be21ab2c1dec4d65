// The visitor's rating of an ended chat, as chats carry it (decisions in ./after-end.ts).
import { t, integer, isoDate, nullable, type Static } from './common';

export const RATING_COMMENT_MAX = 1000;
export const RATING_WINDOW_HOURS = 24;

export const ratingSchema = t.Object(
  {
    score: integer(1, 5, { description: '1 (poor) to 5 (excellent) stars' }),
    comment: nullable(t.String({ maxLength: RATING_COMMENT_MAX })),
    ratedAt: isoDate,
  },
  { title: 'Rating' },
);

export type RatingDto = Static<typeof ratingSchema>;
