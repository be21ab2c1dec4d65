// Busiest hours: chats counted by local weekday × local hour in the organization's zone. Pure.
//
// The database cannot cut local hours (the stand-in's date operators know few zones, and no
// backend knows luxon's rules), so it counts chats per UTC quarter hour and this maps each
// quarter to its local weekday and hour. Quarter hours, not hours: every zone's offset is a whole
// number of quarter hours (India +5:30, Nepal +5:45), so all instants of one quarter share one
// local hour. Across a DST change the mapping follows the zone: in Europe/Berlin on the spring
// Sunday no chat lands in 02:00 (that hour does not exist), on the autumn Sunday 02:00 holds two
// real hours' worth of chats.
import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from '../../shared/types/enums';

export const HEATMAP_BUCKET_MS = 15 * 60_000;

export interface HeatmapBucket {
  /** Index of the UTC quarter hour since the epoch: floor(ms / HEATMAP_BUCKET_MS). */
  bucket: number;
  count: number;
}

/** counts[weekday][hour]: weekday 0 = Monday … 6 = Sunday (WEEKDAYS order), hour 0–23 local. */
export type HeatmapCounts = number[][];

export const emptyHeatmap = (): HeatmapCounts => WEEKDAYS.map(() => Array.from({ length: 24 }, () => 0));

/** The local weekday (WEEKDAYS index) and hour of an instant in `zone`. */
export function localSlot(instantMs: number, zone: string): { weekday: number; hour: number } {
  const local = DateTime.fromMillis(instantMs, { zone });
  return { weekday: local.weekday - 1, hour: local.hour };
}

export function heatmapFromBuckets(buckets: readonly HeatmapBucket[], zone: string): HeatmapCounts {
  const counts = emptyHeatmap();
  for (const { bucket, count } of buckets) {
    const { weekday, hour } = localSlot(bucket * HEATMAP_BUCKET_MS, zone);
    counts[weekday]![hour]! += count;
  }
  return counts;
}

export const weekdayAt = (index: number): Weekday => WEEKDAYS[index]!;
