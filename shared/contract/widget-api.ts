import { t, errorBody, id, listOf, nullable, oneOf, strict, widgetErrors, type Static } from './common';
import { chatSchema } from './chats';
import { UNRESPONSIVE_CHOICES, WIDGET_POSITIONS } from '../types/enums';

// The widget sends null for facts the browser doesn't have (no referrer, say).
const shortText = (max: number) => t.Union([t.String({ maxLength: max }), t.Null()]);

export const widgetConfigQuery = t.Object(
  { org: t.String({ minLength: 1, maxLength: 64, description: 'The organization’s widget key' }), team: t.Optional(t.String({ maxLength: 64 })) },
  strict,
);
export const visitorSessionBody = t.Object(
  {
    org: t.String({ minLength: 1, maxLength: 64 }),
    token: t.Optional(t.String({ maxLength: 200, description: 'A token this server issued before, to resume' })),
    userId: t.Optional(t.String({ minLength: 1, maxLength: 200 })),
    userHash: t.Optional(t.String({ minLength: 1, maxLength: 128 })),
    visitor: t.Optional(
      t.Object(
        { pageUrl: t.Optional(shortText(2000)), referrer: t.Optional(shortText(2000)), browser: t.Optional(shortText(500)), language: t.Optional(shortText(35)) },
        strict,
      ),
    ),
  },
  strict,
);
export const createVisitorChatBody = t.Object({ teamId: t.Optional(t.String({ minLength: 1, maxLength: 64 })) }, strict);
export const choiceBody = t.Object({ choice: oneOf(UNRESPONSIVE_CHOICES) }, strict);

const rate = t.Object({ limit: t.Integer({ minimum: 1 }), windowSeconds: t.Integer({ minimum: 1 }) });

/** The server's limits the widget checks and paces itself by (UPLOAD_MAX_BYTES, VISITOR_*_LIMIT). */
export const widgetLimitsSchema = t.Object(
  {
    uploadMaxBytes: t.Integer({ minimum: 1, description: 'Largest file the server takes (UPLOAD_MAX_BYTES)' }),
    messages: rate,
    uploads: rate,
  },
  { title: 'WidgetLimits' },
);

/** What the widget needs before the visitor writes. */
export const widgetConfigSchema = t.Object(
  {
    orgName: t.String(),
    widget: t.Object({ title: t.String(), color: t.String(), greeting: t.String(), position: oneOf(WIDGET_POSITIONS) }),
    team: t.Object({ id, name: t.String(), open: t.Boolean(), afterHoursMessage: nullable(t.String()) }),
    limits: widgetLimitsSchema,
  },
  { title: 'WidgetConfig' },
);
export const visitorSessionSchema = t.Object(
  { token: t.String({ description: 'Server-issued bearer token' }), contactId: id, identified: t.Boolean() },
  { title: 'VisitorSession' },
);

/** Every widget route may answer 403 (the page's origin is not allowed) besides the usual refusals. */
export const visitorErrors = { ...widgetErrors, 403: errorBody } as const;

export const widgetResponses = {
  config: { 200: widgetConfigSchema, ...visitorErrors },
  session: { 200: visitorSessionSchema, ...visitorErrors },
  chats: { 200: listOf(chatSchema), ...visitorErrors },
  started: { 200: chatSchema, 201: chatSchema, ...visitorErrors },
  chat: { 200: chatSchema, ...visitorErrors },
} as const;

export type WidgetConfigDto = Static<typeof widgetConfigSchema>;
export type WidgetLimitsDto = Static<typeof widgetLimitsSchema>;
export type VisitorSessionDto = Static<typeof visitorSessionSchema>;
export type VisitorSessionInput = Static<typeof visitorSessionBody>;
export type ChoiceInput = Static<typeof choiceBody>;
