import { t, type Static } from './common';

export const healthSchema = t.Object(
  {
    status: t.Union([t.Literal('ok'), t.Literal('degraded')]),
    version: t.String(),
    uptimeSeconds: t.Number(),
    database: t.Object({ backend: t.String(), status: t.Union([t.Literal('up'), t.Literal('down')]), inMemoryOnly: t.Boolean() }),
  },
  { title: 'Health' },
);
export type HealthDto = Static<typeof healthSchema>;
