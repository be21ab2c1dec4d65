import { t } from 'elysia';

export const chatIdParams = t.Object({ id: t.String({ minLength: 1, maxLength: 64 }) });
export const listQuery = t.Object(
  {
    view: t.Optional(t.Union([t.Literal('unassigned'), t.Literal('mine'), t.Literal('all'), t.Literal('team')])),
    teamId: t.Optional(t.String({ maxLength: 64 })),
    status: t.Optional(t.Union([t.Literal('open'), t.Literal('ended')])),
    cursor: t.Optional(t.String({ maxLength: 200 })),
    limit: t.Optional(t.Numeric({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export const assignBody = t.Object(
  { agentId: t.Optional(t.String({ minLength: 1, maxLength: 64 })), teamId: t.Optional(t.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);
export const messagesQuery = t.Object(
  {
    afterSeq: t.Optional(t.Numeric({ minimum: 0 })),
    beforeSeq: t.Optional(t.Numeric({ minimum: 0 })),
    limit: t.Optional(t.Numeric({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export const sendBody = t.Object(
  {
    clientId: t.String({ minLength: 1, maxLength: 64 }),
    text: t.String({ maxLength: 10_000 }),
    attachmentIds: t.Optional(t.Array(t.String({ minLength: 1, maxLength: 64 }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);
