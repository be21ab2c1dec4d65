// Job payloads and bus events carry ids as strings; repositories take ObjectIds.
import { ObjectId, isObjectIdString } from '../db/ids';

/** The same keys as ObjectIds, or null when any value is not an id (a job for nothing). */
export function parseIds<K extends string>(values: Record<K, string>): Record<K, ObjectId> | null {
  const out = {} as Record<K, ObjectId>;
  for (const key of Object.keys(values) as K[]) {
    const value = values[key];
    if (!isObjectIdString(value)) return null;
    out[key] = new ObjectId(value);
  }
  return out;
}
