import { t, consoleErrors, id, isoDate, nonBlankName, nullable, oneOf, strict, type Static } from './common';
import { NAME_MAX } from '../types/limits';
import { WIDGET_POSITIONS } from '../types/enums';
import { widgetTextsSchema } from './widget-texts';

export const widgetSettingsSchema = t.Object(
  {
    title: t.String(),
    color: t.String({ description: '#rrggbb' }),
    greeting: t.String(),
    position: oneOf(WIDGET_POSITIONS),
    allowedOrigins: t.Array(t.String()),
  },
  { title: 'WidgetSettings' },
);

export const orgSchema = t.Object(
  {
    id,
    name: t.String(),
    timezone: t.String(),
    widgetKey: t.String({ description: 'Public key the embed snippet carries in data-org' }),
    widget: widgetSettingsSchema,
    widgetTexts: widgetTextsSchema,
    handoff: t.Object({ webhookUrl: nullable(t.String()), hasSecret: t.Boolean() }),
    transcriptAutoEmail: t.Boolean({ description: 'E-mail the transcript to the contact when a chat ends, if they have an e-mail' }),
    createdAt: isoDate,
  },
  { title: 'Organization' },
);

export const orgPatchBody = t.Object(
  {
    name: t.Optional(nonBlankName(NAME_MAX.org)),
    timezone: t.Optional(t.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/London' })),
    transcriptAutoEmail: t.Optional(t.Boolean({ description: 'E-mail the transcript to the contact when a chat ends, if they have an e-mail' })),
    widgetTexts: t.Optional(widgetTextsSchema),
    widget: t.Optional(
      t.Object(
        {
          title: t.Optional(t.String({ maxLength: 80 })),
          color: t.Optional(t.String({ pattern: '^#[0-9a-fA-F]{6}$', description: '#rrggbb' })),
          greeting: t.Optional(t.String({ maxLength: 500 })),
          position: t.Optional(oneOf(WIDGET_POSITIONS)),
          allowedOrigins: t.Optional(t.Array(t.String({ maxLength: 300 }), { maxItems: 50 })),
        },
        strict,
      ),
    ),
  },
  strict,
);

export const identitySecretSchema = t.Object({ secret: t.String() });

export const orgResponses = {
  get: { 200: orgSchema, ...consoleErrors },
  patch: { 200: orgSchema, ...consoleErrors },
  identitySecret: { 200: identitySecretSchema, ...consoleErrors },
} as const;

export type WidgetSettings = Static<typeof widgetSettingsSchema>;
export type OrgDto = Static<typeof orgSchema>;
export type OrgPatch = Static<typeof orgPatchBody>;
