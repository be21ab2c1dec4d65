// Dashboard analytics (GET /api/dashboard). The figures' definitions are in
// shared/types/dashboard.ts; percentiles and local days in domain/statistics.ts.
//
// Scope (decided for issue #9): the figures cover whole teams, and only teams the caller may see
// (`canSeeTeam`): admins and owners every team, supervisors and agents the teams they belong to.
// An agent therefore sees their teams' team-wide numbers — counts and durations, which reveal no
// conversation — even in Self Service / Restrictive teams, and nothing of other teams (not even
// their own chats in a team they have left: this is a team dashboard). The list of recent chats
// links to conversations, so it is further limited to chats the caller may open
// (`visibleChatsFilter`, the inbox's rule).
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
import { ObjectId } from '../db/ids';
import {
  DASHBOARD_LIMITS,
  type DashboardDay,
  type DashboardDto,
  type DashboardRecentChat,
} from '../../shared/types/dashboard';
import type { AppContext } from '../context';
import { canSeeTeam } from '../domain/permissions';
import { durationStats, isValidTimeZone, localDateOf, resolveLocalRange } from '../domain/statistics';
import { badRequest } from '../errors';
import type { ChatDoc } from '../db/types';
import type { ContactDoc } from '../db/types';
import type { TeamDoc } from '../db/types';
import { actorOf, orgTeams, visibleChatsFilter } from './access';
import type { AgentAuth } from './sessions';

export interface DashboardQuery {
  from?: string;
  to?: string;
  teamId?: string;
}

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

export async function dashboardStats(ctx: AppContext, auth: AgentAuth, query: DashboardQuery): Promise<DashboardDto> {
  const orgId = auth.org._id;
  const actor = actorOf(auth.user);
  const allTeams = await orgTeams(ctx, orgId);
  const teams = allTeams.filter((t) => canSeeTeam(actor, t._id.toString()));

  const teamId = query.teamId === undefined || query.teamId === '' ? null : query.teamId;
  // Unknown and invisible teams get the same answer, so the filter reveals no team ids.
  if (teamId !== null && !teams.some((t) => t._id.toHexString() === teamId.toLowerCase())) {
    throw badRequest('query.teamId: no such team', 'query.teamId');
  }
  const scopeTeamIds = teamId !== null ? [new ObjectId(teamId)] : teams.map((t) => t._id);

  const zone = isValidTimeZone(auth.org.timezone) ? auth.org.timezone : 'UTC';
  const now = ctx.clock.now();
  const resolved = resolveLocalRange(
    { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) },
    zone,
    localDateOf(now, zone),
    DASHBOARD_LIMITS.maxDays,
  );
  if (!resolved.ok) throw badRequest(resolved.message, resolved.field);
  const range = resolved.range;

  const match = { orgId, createdAt: { $gte: range.start, $lt: range.end }, teamId: { $in: scopeTeamIds } };
  // Local days are cut here (luxon, the zone rules the schedules use) and handed to the database
  // as instants: a chat's day is the number of day starts at or before it, minus one. Every
  // backend then groups by exactly the same boundaries whatever its own time-zone support
  // ($dateToString in the stand-in knows only "Area/City" zones, not "UTC"; its $bucket puts a
  // value equal to a boundary in the bucket below).
  const dayIndex = (field: string) => ({
    $subtract: [{ $size: { $filter: { input: range.boundaries, as: 'dayStart', cond: { $lte: ['$$dayStart', field] } } } }, 1],
  });

  const [dayRows, [contactFacet], recent] = await Promise.all([
    scopeTeamIds.length === 0
      ? Promise.resolve([] as DayRow[])
      : ctx.models.Chat.aggregate<DayRow>([
          { $match: match },
          { $project: { day: dayIndex('$createdAt'), firstResponse: sinceCreated('$firstResponseAt'), resolution: sinceCreated('$endedAt') } },
          { $group: { _id: '$day', chats: { $sum: 1 }, firstResponse: { $push: '$firstResponse' }, resolution: { $push: '$resolution' } } },
        ]),
    scopeTeamIds.length === 0
      ? Promise.resolve([] as ContactFacet[])
      : ctx.models.Chat.aggregate<ContactFacet>([
          { $match: match },
          { $group: { _id: { contactId: '$contactId', day: dayIndex('$createdAt') } } },
          { $group: { _id: '$_id.contactId', days: { $push: '$_id.day' } } },
          // The contact's first chat ever, in any team (index { orgId, contactId, createdAt }).
          {
            $lookup: {
              from: ctx.models.Chat.collection.collectionName,
              let: { contactId: '$_id' },
              pipeline: [
                { $match: { orgId, $expr: { $eq: ['$contactId', '$$contactId'] } } },
                { $sort: { createdAt: 1 } },
                { $limit: 1 },
                { $project: { _id: 0, createdAt: 1 } },
              ],
              as: 'firstChat',
            },
          },
          { $lookup: { from: ctx.models.Contact.collection.collectionName, localField: '_id', foreignField: '_id', as: 'contact' } },
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
        ]),
    recentChats(ctx, auth, match, teams, now),
  ]);

  const byDay = new Map(dayRows.map((r) => [range.dates[r._id], r]));
  const contactsByDay = new Map((contactFacet?.perDay ?? []).map((r) => [range.dates[r._id], r]));
  const contactTotals = contactFacet?.totals[0];
  const contacts = { new: contactTotals?.new ?? 0, returning: contactTotals?.returning ?? 0 };

  const days: DashboardDay[] = range.dates.map((date) => {
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

  return {
    range: { from: range.from, to: range.to, timezone: zone, start: range.start.toISOString(), end: range.end.toISOString() },
    teamId: teamId === null ? null : teamId.toLowerCase(),
    teams: teams.map((t) => ({ id: t._id.toString(), name: t.name })),
    totals: {
      chats: dayRows.reduce((sum, r) => sum + r.chats, 0),
      firstResponse: durationStats(dayRows.flatMap((r) => r.firstResponse)),
      resolution: durationStats(dayRows.flatMap((r) => r.resolution)),
    },
    contacts,
    days,
    recent,
  };
}

async function recentChats(
  ctx: AppContext,
  auth: AgentAuth,
  match: Record<string, unknown>,
  teams: TeamDoc[],
  now: Date,
): Promise<DashboardRecentChat[]> {
  const orgId = auth.org._id;
  const filter = { $and: [match, visibleChatsFilter(actorOf(auth.user), orgId, teams)] };
  const chats = await ctx.models.Chat.find(filter).sort({ createdAt: -1, _id: -1 }).limit(DASHBOARD_LIMITS.recent).lean<ChatDoc[]>();
  if (chats.length === 0) return [];
  const [contacts, agents] = await Promise.all([
    ctx.models.Contact.find({ orgId, _id: { $in: chats.map((c) => c.contactId) } }, { name: 1, username: 1, email: 1 }).lean<Pick<ContactDoc, '_id' | 'name' | 'username' | 'email'>[]>(),
    ctx.models.User.find({ orgId, _id: { $in: chats.flatMap((c) => (c.assigneeId ? [c.assigneeId] : [])) } }, { name: 1 }).lean<{ _id: ObjectId; name: string }[]>(),
  ]);
  const contactById = new Map(contacts.map((c) => [c._id.toString(), c]));
  const agentById = new Map(agents.map((a) => [a._id.toString(), a.name]));
  const teamById = new Map(teams.map((t) => [t._id.toString(), t.name]));
  return chats.map((chat) => {
    const contact = contactById.get(chat.contactId.toString());
    const agentId = chat.assigneeId?.toString() ?? null;
    const created = chat.createdAt.getTime();
    return {
      id: chat._id.toString(),
      contact: { id: chat.contactId.toString(), name: contact?.name ?? null, username: contact?.username ?? null, email: contact?.email ?? null },
      team: { id: chat.teamId.toString(), name: teamById.get(chat.teamId.toString()) ?? '' },
      agent: agentId ? { id: agentId, name: agentById.get(agentId) ?? '' } : null,
      status: chat.status,
      channel: chat.channel,
      createdAt: chat.createdAt.toISOString(),
      endedAt: chat.endedAt ? chat.endedAt.toISOString() : null,
      firstResponseMs: chat.firstResponseAt ? chat.firstResponseAt.getTime() - created : null,
      durationMs: Math.max(0, (chat.endedAt ?? now).getTime() - created),
    };
  });
}
