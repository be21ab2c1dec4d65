import { t } from 'elysia';

// The widget sends null for facts the browser doesn't have (no referrer, say).
const shortText = (max: number) => t.Union([t.String({ maxLength: max }), t.Null()]);

export const configQuery = t.Object(
  { org: t.String({ minLength: 1, maxLength: 64 }), team: t.Optional(t.String({ maxLength: 64 })) },
  { additionalProperties: false },
);
export const sessionBody = t.Object(
  {
    org: t.String({ minLength: 1, maxLength: 64 }),
    token: t.Optional(t.String({ maxLength: 200 })),
    userId: t.Optional(t.String({ minLength: 1, maxLength: 200 })),
    userHash: t.Optional(t.String({ minLength: 1, maxLength: 128 })),
    visitor: t.Optional(
      t.Object(
        {
          pageUrl: t.Optional(shortText(2000)),
          referrer: t.Optional(shortText(2000)),
          browser: t.Optional(shortText(500)),
          language: t.Optional(shortText(35)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export const createChatBody = t.Object({ teamId: t.Optional(t.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false });
export const choiceBody = t.Object({ choice: t.Union([t.Literal('another_agent'), t.Literal('keep_waiting')]) }, { additionalProperties: false });
