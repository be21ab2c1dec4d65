// When a transcript shows times: one time under the last message of a run (same author, each
// within 5 minutes of the one before), a day separator where the calendar day changes, and the
// time itself relative while recent ("just now", "2 min ago") and absolute after an hour. Pure,
// with `now` passed in: the panel re-renders on one minute tick, not a timer per message.

export const RUN_GAP_MS = 5 * 60_000;

export interface Timed {
  /** Who wrote it: same key, same run. */
  author: string;
  at: number;
}

function dayStart(at: number): number {
  const d = new Date(at);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** Different calendar days (the visitor's time zone). */
export function otherDay(a: number, b: number): boolean {
  return dayStart(a) !== dayStart(b);
}

/** For each message: does a time go under it (the run ends here)? */
export function timeAfter(items: readonly Timed[], gapMs = RUN_GAP_MS): boolean[] {
  return items.map((m, i) => {
    const next = items[i + 1];
    return !next || next.author !== m.author || next.at - m.at > gapMs || otherDay(m.at, next.at);
  });
}

/** For each message: does a day separator go above it? */
export function dayBefore(items: readonly Timed[]): boolean[] {
  return items.map((m, i) => i === 0 || otherDay(items[i - 1]!.at, m.at));
}

const upperFirst = (s: string, locale: string): string => s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);

/** "Today", "Yesterday" (in the widget's language), else the date: "Mon, Dec 1" this year, "Dec 1, 2025" before. */
export function dayLabel(at: number, now: number, locale: string): string {
  const days = Math.round((dayStart(now) - dayStart(at)) / 86_400_000);
  if (days === 0 || days === 1) return upperFirst(new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-days, 'day'), locale);
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, sameYear ? { weekday: 'short', month: 'short', day: 'numeric' } : { dateStyle: 'medium' }).format(at);
}

/** Under a minute: `justNow`; under an hour: "2 min ago"; else the clock time ("14:05"). */
export function relativeTime(at: number, now: number, locale: string, justNow: string): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return justNow;
  if (minutes < 60) return new Intl.RelativeTimeFormat(locale, { style: 'short' }).format(-minutes, 'minute');
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at);
}

/** The full date and time, for the tooltip. */
export function absoluteTime(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
