import { t } from 'elysia';
import { oneOf } from '../profile/model';

export const orgPatchBody = t.Object(
  {
    name: t.Optional(t.String({ minLength: 1, maxLength: 120 })),
    timezone: t.Optional(t.String({ minLength: 1, maxLength: 64 })),
    widget: t.Optional(
      t.Object(
        {
          title: t.Optional(t.String({ maxLength: 80 })),
          color: t.Optional(t.String({ pattern: '^#[0-9a-fA-F]{6}$', description: '#rrggbb' })),
          greeting: t.Optional(t.String({ maxLength: 500 })),
          position: t.Optional(oneOf(['left', 'right'] as const)),
          allowedOrigins: t.Optional(t.Array(t.String({ maxLength: 300 }), { maxItems: 50 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
