// The schedule's text formats: "HH:MM" times (starts 00:00–23:59, ends up to 24:00) and
// "YYYY-MM-DD" calendar dates, as minutes of the day and days since the epoch. Shared by the
// schedule's compiler (schedule.ts) and its validator (schedule-validation.ts).

export const DAY = 86_400_000;

export const START_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const END_RE = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseTime(value: unknown, re: RegExp): number | null {
  if (typeof value !== 'string') return null;
  const m = re.exec(value);
  if (!m) return null;
  const h = m[1] ?? m[3];
  const min = m[2] ?? m[4];
  return Number(h) * 60 + Number(min);
}

/** "YYYY-MM-DD" → days since 1970-01-01, or null when it is not a real calendar date. */
export function parseDate(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = DATE_RE.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return null; // 2023-02-30 and the like roll over
  }
  return Math.floor(date.getTime() / DAY);
}
