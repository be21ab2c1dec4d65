// Pure helpers of the dashboard: durations, calendar dates of the organization's time zone,
// the range presets and the chart axis steps. No Vue, no chart.js, so they are unit-tested.

/** "45s", "1m 20s", "12m", "2h 5m", "3d 4h"; null → "—". Rounded to whole seconds. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const total = Math.round(Math.max(0, ms) / 1000);
  if (total < 60) return `${total}s`;
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return s > 0 ? `${m}m ${s}s` : `${m}m`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` calendar date as a Date at UTC midnight (for formatting with timeZone UTC). */
function utcDate(date: string): Date | null {
  const m = DATE.exec(date);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** Axis label of a local date: "Mar 9". The date is already the org's day; no zone shift. */
export function formatDay(date: string, locale?: string): string {
  const d = utcDate(date);
  return d ? d.toLocaleDateString(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }) : date;
}

/** Tooltip title of a local date: "Sun, Mar 9, 2025". */
export function formatDayLong(date: string, locale?: string): string {
  const d = utcDate(date);
  return d ? d.toLocaleDateString(locale, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }) : date;
}

/** An instant shown in the organization's zone: "Mar 9, 3:30 PM". */
export function formatInstant(iso: string, timeZone: string, locale?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  try {
    return d.toLocaleString(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone });
  } catch {
    return d.toLocaleString(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  }
}

/** Today's date in `timeZone` as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: string, days: number): string {
  const d = utcDate(date);
  if (!d) return date;
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isDate(value: string): boolean {
  const d = utcDate(value);
  return d !== null && d.toISOString().slice(0, 10) === value;
}

export type RangePreset = 'today' | '7d' | '30d' | 'custom';
export const PRESETS: { id: RangePreset; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: 'custom', label: 'Custom' },
];

/** The `from`/`to` of a preset ending `today` (custom keeps what it has). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): { from: string; to: string } {
  const days = preset === 'today' ? 1 : preset === '7d' ? 7 : 30;
  return { from: addDays(today, -(days - 1)), to: today };
}

const STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** A round step (whole seconds, minutes or hours, in ms) giving at most `maxTicks` ticks up to `maxMs`. */
export function durationStep(maxMs: number, maxTicks = 5): number {
  const max = Math.max(1000, maxMs);
  const step = STEPS_S.find((s) => (s * 1000 * maxTicks) >= max) ?? Math.ceil(max / maxTicks / 86_400_000) * 86_400;
  return step * 1000;
}

/** "1,234 of 5,000 rows · 312 KB": what the CSV download has received so far. */
export function exportProgressText(p: { bytes: number; rows: number; totalRows: number | null }, locale?: string): string {
  const n = (v: number) => v.toLocaleString(locale ?? 'en-US');
  const size = p.bytes < 1024 ? `${p.bytes} B` : p.bytes < 1024 * 1024 ? `${Math.round(p.bytes / 1024)} KB` : `${(p.bytes / (1024 * 1024)).toFixed(1)} MB`;
  const rows = p.totalRows === null ? `${n(p.rows)} rows` : `${n(p.rows)} of ${n(p.totalRows)} rows`;
  return `${rows} · ${size}`;
}
