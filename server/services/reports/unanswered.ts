// Missed and abandoned chats (definitions in domain/report-rules.ts): counts over the range and
// the newest ones to drill into. Who ended a chat is its `ended` event's actor.
import { DASHBOARD_LIMITS, type UnansweredChat } from '../../../shared/types/dashboard';
import type { EventActorKind } from '../../../shared/types/enums';
import type { AppContext } from '../../context';
import type { ObjectId } from '../../db/ids';
import type { ChatDoc, ScopedFilter } from '../../db/types';
import { ABANDONING_ACTORS, unansweredKind } from '../../domain/report-rules';
import { chatPeople } from '../chats';
import type { TeamScope } from './scope';

type Row = Pick<ChatDoc, '_id' | 'contactId' | 'teamId' | 'assigneeId' | 'createdAt' | 'endedAt'> & { endedBy: EventActorKind | null };
interface Facet {
  counts: { abandoned: number; total: number }[];
  newest: Row[];
}

export interface UnansweredReport {
  missed: number;
  abandoned: number;
  chats: UnansweredChat[];
  limit: number;
}

/** Stages adding `endedBy`: the actor kind of the chat's last `ended` event (null if none). */
export function endedByStages(chatEventsCollection: string) {
  return [
    // Chat ids are unique across organizations: the join cannot reach another one's events.
    { $lookup: { from: chatEventsCollection, localField: '_id', foreignField: 'chatId', as: 'events' } },
    {
      $set: {
        endedBy: {
          $ifNull: [{ $arrayElemAt: [{ $map: { input: { $filter: { input: '$events', as: 'e', cond: { $eq: ['$$e.kind', 'ended'] } } }, as: 'e', in: '$$e.actor.kind' } }, -1] }, null],
        },
      },
    },
    { $project: { events: 0 } },
  ];
}

export async function unansweredReport(ctx: AppContext, orgId: ObjectId, match: ScopedFilter, scope: TeamScope): Promise<UnansweredReport> {
  const limit = DASHBOARD_LIMITS.unanswered;
  if (scope.scopeTeamIds.length === 0) return { missed: 0, abandoned: 0, chats: [], limit };
  const repos = ctx.repos.forOrg(orgId);
  const [facet] = await repos.chats.aggregate<Facet>([
    { $match: { ...match, status: 'ended', firstResponseAt: null } },
    { $project: { contactId: 1, teamId: 1, assigneeId: 1, createdAt: 1, endedAt: 1 } },
    ...endedByStages(repos.chatEvents.collectionName),
    {
      $facet: {
        counts: [{ $group: { _id: null, total: { $sum: 1 }, abandoned: { $sum: { $cond: [{ $in: ['$endedBy', [...ABANDONING_ACTORS]] }, 1, 0] } } } }],
        newest: [{ $sort: { endedAt: -1, _id: -1 } }, { $limit: limit }],
      },
    },
  ]);
  const counts = facet?.counts[0] ?? { abandoned: 0, total: 0 };
  const rows = facet?.newest ?? [];
  const { contacts, agentNames } = await chatPeople(ctx, orgId, rows as unknown as ChatDoc[]);
  const teamNames = new Map(scope.teams.map((t) => [t._id.toString(), t.name]));
  const chats = rows.map((r): UnansweredChat => {
    const contact = contacts.get(r.contactId.toString());
    const agentId = r.assigneeId?.toString() ?? null;
    const endedAt = r.endedAt as Date;
    return {
      id: r._id.toString(),
      kind: unansweredKind({ endedAt, firstResponseAt: null, endedBy: r.endedBy }) ?? 'missed',
      contact: { id: r.contactId.toString(), name: contact?.name ?? null, username: contact?.username ?? null, email: contact?.email ?? null },
      team: { id: r.teamId.toString(), name: teamNames.get(r.teamId.toString()) ?? '' },
      agent: agentId ? { id: agentId, name: agentNames.get(agentId) ?? '' } : null,
      createdAt: r.createdAt.toISOString(),
      endedAt: endedAt.toISOString(),
      waitedMs: Math.max(0, endedAt.getTime() - r.createdAt.getTime()),
      endedBy: r.endedBy,
    };
  });
  return { missed: counts.total - counts.abandoned, abandoned: counts.abandoned, chats, limit };
}
