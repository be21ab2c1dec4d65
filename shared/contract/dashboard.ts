import { t, consoleErrors, id, nullable, oneOf, strict, type Static } from './common';
import { CHAT_CHANNELS, CHAT_STATUSES } from '../types/enums';

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
  },
  strict,
);

export const dashboardResponses = { 200: dashboardSchema, ...consoleErrors } as const;

export type DurationStats = Static<typeof durationStatsSchema>;
export type DashboardDay = Static<typeof dashboardDaySchema>;
export type DashboardRecentChat = Static<typeof dashboardRecentChatSchema>;
export type DashboardDto = Static<typeof dashboardSchema>;
export type DashboardQuery = Static<typeof dashboardQuery>;
