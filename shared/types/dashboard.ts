// GET /api/dashboard — the analytics of the console's first screen.
//
// Every figure describes the chats *started* in the range (the local calendar days `from`–`to`,
// both inclusive, in the organization's time zone), in the teams the caller may see (or the one
// team asked for). A chat belongs to the local day of its `createdAt`, and counts in the team it
// is in now (a chat moved to another team counts there).
//
// Durations are whole milliseconds:
// - first response = firstResponseAt − createdAt (the visitor's wait for the first agent
//   message); chats no agent answered yet are left out (`count` says how many are in);
// - resolution = endedAt − createdAt; chats still open are left out.
// Median and 90th percentile use the nearest-rank definition: for n sorted values the p-th
// percentile is the value at rank ⌈p/100 · n⌉ (1-based). It is always an observed duration;
// the median of an even count is the lower of the two middle values. Both are null when
// `count` is 0.
import type { ChatChannel, ChatStatus } from './enums';

/** A calendar date `YYYY-MM-DD` (a day in the organization's time zone, not an instant). */
export type LocalDate = string;

export interface DurationStats {
  /** How many durations went in. */
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface DashboardDay {
  date: LocalDate;
  /** Chats started that day. */
  chats: number;
  firstResponse: DurationStats;
  resolution: DurationStats;
  /** Contacts who chatted this day for the first time ever. */
  newContacts: number;
  /** Contacts who chatted this day and had chatted before it (also earlier in the range). */
  returningContacts: number;
}

export interface DashboardRecentChat {
  id: string;
  contact: { id: string; name: string | null; username: string | null; email: string | null };
  team: { id: string; name: string };
  agent: { id: string; name: string } | null;
  status: ChatStatus;
  channel: ChatChannel;
  createdAt: string;
  endedAt: string | null;
  /** firstResponseAt − createdAt, null while unanswered. */
  firstResponseMs: number | null;
  /** endedAt − createdAt for ended chats; for open ones, the time since it started (so far). */
  durationMs: number;
}

export interface DashboardDto {
  range: {
    from: LocalDate;
    to: LocalDate;
    /** IANA zone the days are cut in (the organization's). */
    timezone: string;
    /** First instant of `from` and first instant after `to` (exclusive), ISO-8601. */
    start: string;
    end: string;
  };
  /** The team filter applied, or null for every team in `teams`. */
  teamId: string | null;
  /** Teams the caller may see (and filter by): admins/owners all, others their own. */
  teams: { id: string; name: string }[];
  totals: {
    chats: number;
    firstResponse: DurationStats;
    resolution: DurationStats;
  };
  /**
   * Distinct contacts who started a chat in the range. New: their first chat ever (in the whole
   * organization, any team) falls in the range; returning: they had chatted before it. The days'
   * `newContacts` add up to `new`; a contact may be returning on several days.
   */
  contacts: { new: number; returning: number };
  /** Every day of the range in order, days without chats included (zeros, null durations). */
  days: DashboardDay[];
  /** The most recently started chats of the range, newest first, that the caller may open. */
  recent: DashboardRecentChat[];
}

export const DASHBOARD_LIMITS = { maxDays: 366, recent: 10 } as const;
