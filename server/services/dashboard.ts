// Dashboard analytics (GET /api/dashboard). The figures' definitions are in
// shared/types/dashboard.ts; percentiles and local days in domain/statistics.ts.
//
// Scope (decided for issue #9): the figures cover whole teams, and only teams the caller may see
// (`canSeeTeam`): admins and owners every team, supervisors and agents the teams they belong to.
// An agent therefore sees their teams' team-wide numbers — counts and durations, which reveal no
// conversation — even in Self Service / Restrictive teams, and nothing of other teams (not even
// their own chats in a team they have left: this is a team dashboard). The list of recent chats
// links to conversations, so it is further limited to chats the caller may open
// (`chatViewer`, the inbox's rule).
//
// New vs returning: a contact's first chat ever is its earliest chat in the organization (any
// team), or its `firstChatAt` if that is earlier. The chats decide because `firstChatAt` cannot be
// trusted alone: openChat sets it with `$min`, and a stored null sorts below every date, so a
// contact created with the schema's default (null) keeps null.
//
// Queries: every one is scoped by orgId and a createdAt range (index { orgId, createdAt }) plus
// the team list. The database does the grouping — per local day against the day boundaries,
// per contact with a $lookup of its earlier chats — and returns per-day lists of durations
// ($push, bounded by the range), whose medians and percentiles are computed here, because
// $percentile/$median exist neither in the stand-in nor in MongoDB before 7.0.
import {
  DASHBOARD_LIMITS,
  type DashboardDay,
  type DashboardDto,
  type DashboardRecentChat,
} from '../../shared/types/dashboard';
import type { AppContext } from '../context';
import { durationStats, type LocalRange } from '../domain/statistics';
import type { ChatDoc, ScopedFilter, TeamDoc } from '../db/types';
import type { OrgRepos } from '../db/repos';
import { actorOf } from './access';
import { chatPeople, chatViewer } from './chats';
import { dashboardRange, dashboardTeams, rangeDto, startedIn, type RangeQuery } from './reports/scope';
import type { AgentAuth } from './sessions';

export type DashboardQuery = RangeQuery;

/** `_id`: the index of the local date in the range. */
interface DayRow {
  _id: number;
  chats: number;
  firstResponse: (number | null)[];
  resolution: (number | null)[];
}

interface ContactFacet {
  perDay: { _id: number; newContacts: number; returningContacts: number }[];
  totals: { new: number; returning: number }[];
}

const present = (field: string) => ({ $ne: [{ $ifNull: [field, null] }, null] });
const sinceCreated = (field: string) => ({ $cond: [present(field), { $subtract: [field, '$createdAt'] }, null] });

// Local days are cut here (luxon, the zone rules the schedules use) and handed to the database
// as instants: a chat's day is the number of day starts at or before it, minus one. Every
// backend then groups by exactly the same boundaries whatever its own time-zone support
// ($dateToString in the stand-in knows only "Area/City" zones, not "UTC"; its $bucket puts a
// value equal to a boundary in the bucket below).
const dayIndex = (range: LocalRange, field: string) => ({
  $subtract: [{ $size: { $filter: { input: range.boundaries, as: 'dayStart', cond: { $lte: ['$$dayStart', field] } } } }, 1],
});

/** Chats per local day with their first-response and resolution durations. */
function dayRows(repos: OrgRepos, match: ScopedFilter, range: LocalRange): Promise<DayRow[]> {
  return repos.chats.aggregate<DayRow>([
    { $match: match },
    { $project: { day: dayIndex(range, '$createdAt'), firstResponse: sinceCreated('$firstResponseAt'), resolution: sinceCreated('$endedAt') } },
    { $group: { _id: '$day', chats: { $sum: 1 }, firstResponse: { $push: '$firstResponse' }, resolution: { $push: '$resolution' } } },
  ]);
}

/** New vs returning contacts, per local day and over the range. */
function contactRows(repos: OrgRepos, match: ScopedFilter, range: LocalRange): Promise<ContactFacet[]> {
  return repos.chats.aggregate<ContactFacet>([
    { $match: match },
    { $group: { _id: { contactId: '$contactId', day: dayIndex(range, '$createdAt') } } },
    { $group: { _id: '$_id.contactId', days: { $push: '$_id.day' } } },
    // The contact's first chat ever, in any team.
    repos.chats.firstChatOfContactStage('$_id', 'firstChat'),
    { $lookup: { from: repos.contacts.collectionName, localField: '_id', foreignField: '_id', as: 'contact' } },
    {
      $project: {
        days: 1,
        firstEver: {
          $let: {
            vars: { chat: { $arrayElemAt: ['$firstChat.createdAt', 0] }, recorded: { $arrayElemAt: ['$contact.firstChatAt', 0] } },
            // The contact's own record counts when it is earlier (imported history).
            in: { $cond: [{ $and: [present('$$recorded'), { $lt: ['$$recorded', '$$chat'] }] }, '$$recorded', '$$chat'] },
          },
        },
      },
    },
    {
      $facet: {
        perDay: [
          { $unwind: '$days' },
          { $project: { day: '$days', isNew: { $gte: ['$firstEver', { $arrayElemAt: [range.boundaries, '$days'] }] } } },
          { $group: { _id: '$day', newContacts: { $sum: { $cond: ['$isNew', 1, 0] } }, returningContacts: { $sum: { $cond: ['$isNew', 0, 1] } } } },
        ],
        totals: [
          { $project: { isNew: { $gte: ['$firstEver', range.start] } } },
          { $group: { _id: null, new: { $sum: { $cond: ['$isNew', 1, 0] } }, returning: { $sum: { $cond: ['$isNew', 0, 1] } } } },
        ],
      },
    },
  ]);
}

function dashboardDays(range: LocalRange, dayRows: DayRow[], contactFacet: ContactFacet | undefined): DashboardDay[] {
  const byDay = new Map(dayRows.map((r) => [range.dates[r._id], r]));
  const contactsByDay = new Map((contactFacet?.perDay ?? []).map((r) => [range.dates[r._id], r]));
  return range.dates.map((date) => {
    const row = byDay.get(date);
    const c = contactsByDay.get(date);
    return {
      date,
      chats: row?.chats ?? 0,
      firstResponse: durationStats(row?.firstResponse ?? []),
      resolution: durationStats(row?.resolution ?? []),
      newContacts: c?.newContacts ?? 0,
      returningContacts: c?.returningContacts ?? 0,
    };
  });
}

export async function dashboardStats(ctx: AppContext, auth: AgentAuth, query: DashboardQuery): Promise<DashboardDto> {
  const repos = ctx.repos.forOrg(auth.org._id);
  const scope = await dashboardTeams(ctx, auth, query);
  const { teams, teamId, scopeTeamIds } = scope;
  const now = ctx.clock.now();
  const { zone, range } = dashboardRange(auth, query, now);

  const match: ScopedFilter = startedIn(range, scope);
  const none = scopeTeamIds.length === 0;
  const [days, [contactFacet], recent] = await Promise.all([
    none ? Promise.resolve([] as DayRow[]) : dayRows(repos, match, range),
    none ? Promise.resolve([] as ContactFacet[]) : contactRows(repos, match, range),
    recentChats(ctx, auth, match, teams, now),
  ]);
  const contactTotals = contactFacet?.totals[0];

  return {
    range: rangeDto(zone, range),
    teamId,
    teams: teams.map((t) => ({ id: t._id.toString(), name: t.name })),
    totals: {
      chats: days.reduce((sum, r) => sum + r.chats, 0),
      firstResponse: durationStats(days.flatMap((r) => r.firstResponse)),
      resolution: durationStats(days.flatMap((r) => r.resolution)),
    },
    contacts: { new: contactTotals?.new ?? 0, returning: contactTotals?.returning ?? 0 },
    days: dashboardDays(range, days, contactFacet),
    recent,
  };
}

async function recentChats(ctx: AppContext, auth: AgentAuth, match: ScopedFilter, teams: TeamDoc[], now: Date): Promise<DashboardRecentChat[]> {
  const orgId = auth.org._id;
  const chats = await ctx.repos.forOrg(orgId).chats.visibleTo(chatViewer(actorOf(auth.user), teams), [match], {
    sort: { createdAt: -1, _id: -1 },
    limit: DASHBOARD_LIMITS.recent,
  });
  if (chats.length === 0) return [];
  const { contacts, agentNames } = await chatPeople(ctx, orgId, chats);
  const teamById = new Map(teams.map((t) => [t._id.toString(), t.name]));
  return chats.map((chat) => recentChat(chat, contacts.get(chat.contactId.toString()), agentNames, teamById, now));
}

function recentChat(
  chat: ChatDoc,
  contact: { name?: string | null; username?: string | null; email?: string | null } | undefined,
  agentNames: Map<string, string>,
  teamById: Map<string, string>,
  now: Date,
): DashboardRecentChat {
  const agentId = chat.assigneeId?.toString() ?? null;
  const created = chat.createdAt.getTime();
  return {
    id: chat._id.toString(),
    contact: { id: chat.contactId.toString(), name: contact?.name ?? null, username: contact?.username ?? null, email: contact?.email ?? null },
    team: { id: chat.teamId.toString(), name: teamById.get(chat.teamId.toString()) ?? '' },
    agent: agentId ? { id: agentId, name: agentNames.get(agentId) ?? '' } : null,
    status: chat.status,
    channel: chat.channel,
    createdAt: chat.createdAt.toISOString(),
    endedAt: chat.endedAt ? chat.endedAt.toISOString() : null,
    firstResponseMs: chat.firstResponseAt ? chat.firstResponseAt.getTime() - created : null,
    durationMs: Math.max(0, (chat.endedAt ?? now).getTime() - created),
  };
}
