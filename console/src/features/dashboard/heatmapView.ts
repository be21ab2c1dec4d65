// The busiest-hours grid as the page draws it: labels and a shade per cell. Pure.
import type { Weekday } from '../../../../shared/types/enums';

const DAY_LABEL: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
export const dayLabel = (d: Weekday) => DAY_LABEL[d];

/** 0 (no chat) … 1 (the busiest cell), in steps of a quarter so similar hours look alike. */
export function shade(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(0.25, Math.ceil((count / max) * 4) / 4);
}

export const hourLabel = (h: number) => `${String(h).padStart(2, '0')}`;
