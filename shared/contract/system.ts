import { t, type Static } from './common';

export const healthSchema = t.Object(
  {
    status: t.Union([t.Literal('ok'), t.Literal('degraded')]),
    version: t.String(),
    uptimeSeconds: t.Number(),
    database: t.Object({ backend: t.String(), status: t.Union([t.Literal('up'), t.Literal('down')]), inMemoryOnly: t.Boolean() }),
    /** `local`: one instance, in-process. `redis`: across instances; `down` makes the status `degraded`. */
    bus: t.Object({ kind: t.Union([t.Literal('local'), t.Literal('redis')]), status: t.Union([t.Literal('up'), t.Literal('down')]) }),
  },
  { title: 'Health' },
);
export type HealthDto = Static<typeof healthSchema>;
