import { t } from 'elysia';

const localDate = (description: string) =>
  t.Optional(t.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description, examples: ['2025-03-09'] }));

export const dashboardQuery = t.Object(
  {
    from: localDate('First day (inclusive), a date in the organization’s time zone; default: 6 days before `to`'),
    to: localDate('Last day (inclusive); default: today in the organization’s time zone'),
    teamId: t.Optional(t.String({ maxLength: 64, description: 'Only this team (one the caller may see); empty or absent: all of them' })),
  },
  { additionalProperties: false },
);

export type DashboardQuery = typeof dashboardQuery.static;
