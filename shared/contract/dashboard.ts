import { t, consoleErrors, id, nullable, oneOf, strict, type Static } from './common';
import { CHAT_CHANNELS, CHAT_STATUSES, EVENT_ACTOR_KINDS, WEEKDAYS } from '../types/enums';

const localDate = t.String({ description: 'YYYY-MM-DD, a day in the organization’s time zone' });
const ms = nullable(t.Number());
export const durationStatsSchema = t.Object({ count: t.Number({ description: 'How many durations went in' }), medianMs: ms, p90Ms: ms });
const teamRef = t.Object({ id, name: t.String() });

export const dashboardDaySchema = t.Object({
  date: localDate,
  chats: t.Number(),
  firstResponse: durationStatsSchema,
  resolution: durationStatsSchema,
  newContacts: t.Number(),
  returningContacts: t.Number(),
});

export const dashboardRecentChatSchema = t.Object({
  id,
  contact: t.Object({ id, name: nullable(t.String()), username: nullable(t.String()), email: nullable(t.String()) }),
  team: teamRef,
  agent: nullable(teamRef),
  status: oneOf(CHAT_STATUSES),
  channel: oneOf(CHAT_CHANNELS),
  createdAt: t.String(),
  endedAt: nullable(t.String()),
  firstResponseMs: ms,
  durationMs: t.Number(),
});

export const dashboardSchema = t.Object(
  {
    range: t.Object({ from: localDate, to: localDate, timezone: t.String(), start: t.String(), end: t.String() }),
    teamId: nullable(id),
    teams: t.Array(teamRef),
    totals: t.Object({ chats: t.Number(), firstResponse: durationStatsSchema, resolution: durationStatsSchema }),
    contacts: t.Object({ new: t.Number(), returning: t.Number() }),
    days: t.Array(dashboardDaySchema),
    recent: t.Array(dashboardRecentChatSchema),
  },
  { title: 'Dashboard' },
);

const dateQuery = (description: string) => t.Optional(t.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: ['2025-03-09'] }));
export const dashboardQuery = t.Object(
  {
    from: dateQuery('First day (inclusive), a date in the organization’s time zone; default: 6 days before `to`'),
    to: dateQuery('Last day (inclusive); default: today in the organization’s time zone'),
    teamId: t.Optional(t.String({ maxLength: 64, description: 'Only this team (one the caller may see); empty or absent: all of them' })),
    label: t.Optional(t.String({ maxLength: 200, description: 'Only chats carrying this label (normalized as labels are); empty or absent: every chat' })),
  },
  strict,
);

export const dashboardResponses = { 200: dashboardSchema, ...consoleErrors } as const;

// ---------------------------------------------------------------------------------------------
// Reports for supervisors (GET /api/dashboard/reports, GET /api/dashboard/export) and the
// first-run checklist (GET /api/dashboard/setup). Definitions in shared/types/dashboard.ts.

const contactRef = t.Object({ id, name: nullable(t.String()), username: nullable(t.String()), email: nullable(t.String()) });
const rangeSchema = t.Object({ from: localDate, to: localDate, timezone: t.String(), start: t.String(), end: t.String() });

export const ratingStatsSchema = t.Object({ count: t.Number(), average: t.Number({ description: 'Mean score of the rated chats' }) });

export const agentReportSchema = t.Object({
  agent: teamRef,
  chats: t.Number({ description: 'Chats started in the range whose (last) assignee is this agent' }),
  firstResponse: durationStatsSchema,
  resolution: durationStatsSchema,
  missed: t.Number({ description: 'Chats auto-assigned to this agent that timed out unanswered (unresponsive-agent rule)' }),
  rating: nullable(ratingStatsSchema, { description: 'Present when chats carry ratings' }),
});

export const unansweredChatSchema = t.Object({
  id,
  kind: oneOf(['missed', 'abandoned'] as const),
  contact: contactRef,
  team: teamRef,
  agent: nullable(teamRef),
  createdAt: t.String(),
  endedAt: t.String(),
  waitedMs: t.Number({ description: 'From the start to the end, unanswered' }),
  endedBy: nullable(oneOf(EVENT_ACTOR_KINDS)),
});

export const reportsSchema = t.Object(
  {
    range: rangeSchema,
    teamId: nullable(id),
    teams: t.Array(teamRef, { description: 'The teams whose reports the caller may read' }),
    hasRatings: t.Boolean({ description: 'Whether any chat of the range carries a rating (the column is shown only then)' }),
    agents: t.Array(agentReportSchema),
    rating: t.Optional(nullable(ratingStatsSchema, { description: 'All rated chats of the agents’ rows together; null when none is rated' })),
    unanswered: t.Object({
      missed: t.Number(),
      abandoned: t.Number(),
      chats: t.Array(unansweredChatSchema, { description: 'The newest unanswered chats, at most `limit`' }),
      limit: t.Number(),
    }),
    heatmap: t.Object({
      weekdays: t.Array(oneOf(WEEKDAYS)),
      counts: t.Array(t.Array(t.Number()), { description: 'counts[weekday][hour], local to the organization' }),
      max: t.Number(),
    }),
  },
  { title: 'Reports' },
);

export const setupSchema = t.Object(
  {
    steps: t.Array(t.Object({ step: oneOf(['install_widget', 'invite_teammate', 'set_team_hours'] as const), done: t.Boolean() })),
    hasChats: t.Boolean({ description: 'Whether the organization has had any chat yet' }),
  },
  { title: 'Setup checklist' },
);

export const reportsResponses = { 200: reportsSchema, ...consoleErrors } as const;
export const setupResponses = { 200: setupSchema, ...consoleErrors } as const;
/** The export is CSV (text/csv, an attachment); errors are JSON like every route's. */
export const exportResponses = { 200: t.String({ description: 'text/csv, one row per chat started in the range' }), ...consoleErrors } as const;

export type DurationStats = Static<typeof durationStatsSchema>;
export type DashboardDay = Static<typeof dashboardDaySchema>;
export type DashboardRecentChat = Static<typeof dashboardRecentChatSchema>;
export type DashboardDto = Static<typeof dashboardSchema>;
export type DashboardQuery = Static<typeof dashboardQuery>;
export type RatingStats = Static<typeof ratingStatsSchema>;
export type AgentReport = Static<typeof agentReportSchema>;
export type UnansweredChat = Static<typeof unansweredChatSchema>;
export type ReportsDto = Static<typeof reportsSchema>;
export type SetupDto = Static<typeof setupSchema>;
