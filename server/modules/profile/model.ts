import { t } from 'elysia';
import { MANUAL_STATUSES } from '../../../shared/types/enums';
import { isPlainObject } from '../../domain/validation';
import { validateSchedule } from '../../domain/schedule';
import { failOn } from '../../services/teams';

// Schemas several of these modules share. The schedule shape mirrors shared/types/schedule.ts;
// its rules (times, overlaps, zones) are the domain validator's, which runs first (see
// `scheduleFirst`) so errors name the exact interval instead of the whole union.

export const objectIdString = t.String({ pattern: '^[0-9a-fA-F]{24}$', description: 'ObjectId' });
/**
 * One of `values`. Elysia's t.UnionEnum carries `default: values[0]`, and Elysia fills defaults
 * into missing optional properties, so a PATCH without `role` would arrive as `role: 'owner'`.
 * The default is removed here; every enum in these modules goes through this.
 */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  const schema = t.UnionEnum(values);
  delete (schema as { default?: unknown }).default;
  return schema;
}

/** A JSON integer. (Elysia's t.Integer also accepts numeric strings, which bodies must not.) */
export const integer = (minimum: number, maximum: number) => t.Number({ multipleOf: 1, minimum, maximum });

export const idParams = t.Object({ id: t.String({ maxLength: 64 }) }, { additionalProperties: false });

const interval = t.Object({ start: t.String({ maxLength: 5 }), end: t.String({ maxLength: 5 }) }, { additionalProperties: false });
const intervals = t.Array(interval, { maxItems: 48 });
export const scheduleBody = t.Object(
  {
    timezone: t.String({ maxLength: 64 }),
    weekly: t.Object(
      {
        mon: t.Optional(intervals),
        tue: t.Optional(intervals),
        wed: t.Optional(intervals),
        thu: t.Optional(intervals),
        fri: t.Optional(intervals),
        sat: t.Optional(intervals),
        sun: t.Optional(intervals),
      },
      { additionalProperties: false },
    ),
    exceptions: t.Array(
      t.Object(
        { date: t.String({ maxLength: 10 }), intervals, label: t.Optional(t.String({ maxLength: 100 })) },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

export const personName = t.String({ minLength: 1, maxLength: 120 });
export const email = t.String({ format: 'email', maxLength: 254 });

export const profileBody = t.Object(
  {
    name: t.Optional(personName),
    email: t.Optional(email),
    /** Required when `email` changes: a stolen session alone must not move the account away. */
    currentPassword: t.Optional(t.String({ minLength: 1, maxLength: 200 })),
    /** E.164 after removing spaces, dashes, dots and brackets; null or "" clears it. */
    phone: t.Optional(t.Union([t.String({ maxLength: 32 }), t.Null()])),
    notifications: t.Optional(
      t.Object(
        { email: t.Optional(t.Boolean()), sms: t.Optional(t.Boolean()), sound: t.Optional(t.Boolean()) },
        { additionalProperties: false },
      ),
    ),
    manualStatus: t.Optional(oneOf(MANUAL_STATUSES)),
    schedule: t.Optional(t.Union([scheduleBody, t.Null()])),
  },
  { additionalProperties: false },
);
export type ProfileBody = typeof profileBody.static;

/**
 * A `transform` hook that runs the domain's schedule validator before the schema: a bad interval
 * is then reported as `body.schedule.weekly.mon[0].start` rather than as the whole nullable union.
 */
export function scheduleFirst({ body }: { body?: unknown }): void {
  if (isPlainObject(body) && body.schedule !== null && body.schedule !== undefined) {
    failOn(validateSchedule(body.schedule, 'body.schedule'));
  }
}
