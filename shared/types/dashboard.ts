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
// The shapes are the schemas' static types (shared/contract/dashboard.ts).
export type { DurationStats, DashboardDay, DashboardRecentChat, DashboardDto } from '../contract/dashboard';

// GET /api/dashboard/reports — for supervisors (their teams) and admins/owners (all teams); agents
// get 403. Same range and team filter as the dashboard; chats started in the range.
// - agents: per agent, the chats whose assignee (the last one, for ended chats) is that agent, with
//   the first-response and resolution durations as above; `missed` = chats auto-assigned to them
//   that timed out unanswered (the unresponsive-agent job recorded them in
//   chat.unresponsiveAgentIds); `rating` = count and mean of `chat.rating.score` when chats carry
//   one (ratings are not built yet: `hasRatings` is false and the console hides the column).
//   Every active member of the teams is listed, with zeros when idle.
// - unanswered: chats that ended before any agent wrote. abandoned = the visitor ended it (the
//   `ended` event's actor is the contact); missed = anyone else ended it. Counts over the range,
//   and the newest `limit` of them to drill into.
// - heatmap: chats started per local weekday (Monday first) × local hour in the organization's
//   zone, DST-correct.
// GET /api/dashboard/export — the same chats as CSV, streamed (header `X-Total-Count` = rows).
// GET /api/dashboard/setup — the first-run checklist, ticked from the organization's data.
export type { RatingStats, AgentReport, UnansweredChat, ReportsDto, SetupDto } from '../contract/dashboard';

/** A calendar date `YYYY-MM-DD` (a day in the organization's time zone, not an instant). */
export type LocalDate = string;

export const DASHBOARD_LIMITS = { maxDays: 366, recent: 10, unanswered: 50 } as const;
