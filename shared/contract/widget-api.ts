import { t, errorBody, id, listOf, nullable, oneOf, strict, widgetErrors, type Static } from './common';
import { chatSchema } from './chats';
import { prechatFieldSchema } from './teams';
import { UNRESPONSIVE_CHOICES, WIDGET_POSITIONS } from '../types/enums';
import { widgetConfigTextsSchema } from './widget-texts';

// The widget sends null for facts the browser doesn't have (no referrer, say).
const shortText = (max: number) => t.Union([t.String({ maxLength: max }), t.Null()]);

export const widgetConfigQuery = t.Object(
  {
    org: t.String({ minLength: 1, maxLength: 64, description: 'The organization’s widget key' }),
    team: t.Optional(t.String({ maxLength: 64 })),
    locale: t.Optional(t.String({ maxLength: 35, description: 'The widget’s language (en, fr, de, es, pt, nl; pt-BR reads pt): the texts are that language’s' })),
  },
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
        {
          pageUrl: t.Optional(shortText(2000)),
          referrer: t.Optional(shortText(2000)),
          browser: t.Optional(shortText(500)),
          language: t.Optional(shortText(35)),
          locale: t.Optional(shortText(35)),
        },
        strict,
      ),
    ),
  },
  strict,
);
export const createVisitorChatBody = t.Object(
  {
    teamId: t.Optional(t.String({ minLength: 1, maxLength: 64 })),
    locale: t.Optional(t.String({ maxLength: 35, description: 'The widget’s language: the chat’s automatic messages are written in it' })),
  },
  strict,
);
export const choiceBody = t.Object({ choice: oneOf(UNRESPONSIVE_CHOICES) }, strict);

/** Pre-chat answers: keys are the form's `field`s (`name`, `email`, `phone`, `custom:<key>`). */
export const prechatBody = t.Object(
  { teamId: t.Optional(t.String({ minLength: 1, maxLength: 64 })), values: t.Record(t.String({ maxLength: 48 }), t.String({ maxLength: 500 }), { maxProperties: 10 }) },
  strict,
);
export const offlineMessageBody = t.Object(
  {
    teamId: t.Optional(t.String({ minLength: 1, maxLength: 64 })),
    email: t.String({ maxLength: 254 }),
    name: t.Optional(t.String({ maxLength: 120 })),
    message: t.String({ maxLength: 10_000 }),
  },
  strict,
);
export const queuePositionSchema = t.Object(
  {
    chatId: id,
    position: nullable(t.Integer({ minimum: 1 }), { description: '1 = next; null when the chat is not waiting' }),
    estimatedWaitSeconds: nullable(t.Integer({ minimum: 0 }), { description: 'Median time-to-claim of the team’s recent chats; null with too few' }),
  },
  { title: 'QueuePosition' },
);
export const prechatDoneSchema = t.Object({ contactId: id }, { title: 'PrechatDone' });

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
    team: t.Object({
      id,
      name: t.String(),
      open: t.Boolean({ description: 'Inside the team’s hours (the widget re-reads the config to follow it)' }),
      afterHoursMessage: nullable(t.String()),
      offline: t.Boolean({ description: 'The widget offers the offline form instead of a chat: closed, or (per team setting) no agent online' }),
      prechat: nullable(t.Array(prechatFieldSchema), { description: 'The pre-chat form’s fields; null when the team has none' }),
      replyEstimateSeconds: nullable(t.Integer({ minimum: 0 }), {
        description: '"Usually replies in …": the median time to an agent’s claim over the team’s recent chats; null while closed or with too few of them',
      }),
    }),
    limits: widgetLimitsSchema,
    texts: widgetConfigTextsSchema,
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
  prechat: { 200: prechatDoneSchema, ...visitorErrors },
  offline: { 201: chatSchema, ...visitorErrors, 409: errorBody },
  queue: { 200: queuePositionSchema, ...visitorErrors },
} as const;
export type PrechatInput = Static<typeof prechatBody>;
export type OfflineMessageInput = Static<typeof offlineMessageBody>;
export type QueuePositionDto = Static<typeof queuePositionSchema>;

export type WidgetConfigDto = Static<typeof widgetConfigSchema>;
export type WidgetLimitsDto = Static<typeof widgetLimitsSchema>;
export type VisitorSessionDto = Static<typeof visitorSessionSchema>;
export type VisitorSessionInput = Static<typeof visitorSessionBody>;
export type ChoiceInput = Static<typeof choiceBody>;
