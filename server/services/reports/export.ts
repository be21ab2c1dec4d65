// GET /api/dashboard/export: the chats started in the range as CSV, streamed. The chats come from
// a database cursor one batch at a time, each batch's names and enders are looked up in two
// batched reads, and the rows go out as the client reads them (ReadableStream pull: a slow client
// holds one batch here, never the range). `X-Total-Count` tells the console how many rows come,
// so it can show progress.
import { localTimestamp } from '../../domain/statistics';
import { csvRow } from '../../domain/csv';
import { unansweredKind } from '../../domain/report-rules';
import type { EventActorKind } from '../../../shared/types/enums';
import type { AppContext } from '../../context';
import type { ObjectId } from '../../db/ids';
import type { ChatDoc } from '../../db/types';
import { chatPeople } from '../chats';
import type { AgentAuth } from '../sessions';
import { dashboardRange, reportTeams, startedIn, type RangeQuery } from './scope';

const BATCH = 200;

export const CSV_COLUMNS = [
  'chat_id',
  'started_at',
  'ended_at',
  'team',
  'contact_name',
  'contact_email',
  'agent',
  'status',
  'channel',
  'first_response_seconds',
  'resolution_seconds',
  'outcome',
  'ended_by',
  'timed_out_agents',
  'rating',
] as const;

const seconds = (from: Date, to: Date | null | undefined) => (to ? (to.getTime() - from.getTime()) / 1000 : null);

async function rowsOf(ctx: AppContext, orgId: ObjectId, chats: ChatDoc[], zone: string, teamNames: Map<string, string>): Promise<string> {
  const repos = ctx.repos.forOrg(orgId);
  const [{ contacts, agentNames }, ends] = await Promise.all([
    chatPeople(ctx, orgId, chats),
    repos.chatEvents.find<{ chatId: ObjectId; actor: { kind: EventActorKind } }>(
      { chatId: { $in: chats.map((c) => c._id) }, kind: 'ended' },
      { projection: { chatId: 1, actor: 1 }, sort: { createdAt: 1 } },
    ),
  ]);
  const endedBy = new Map(ends.map((e) => [e.chatId.toString(), e.actor.kind]));
  return chats
    .map((chat) => {
      const contact = contacts.get(chat.contactId.toString());
      const ender = endedBy.get(chat._id.toString()) ?? null;
      const ended = chat.endedAt ?? null;
      const outcome = ended === null ? 'open' : chat.firstResponseAt ? 'answered' : unansweredKind({ endedAt: ended, firstResponseAt: null, endedBy: ender });
      const score = (chat as { rating?: { score?: unknown } | null }).rating?.score;
      return csvRow([
        chat._id.toString(),
        localTimestamp(chat.createdAt, zone),
        ended ? localTimestamp(ended, zone) : null,
        teamNames.get(chat.teamId.toString()) ?? '',
        contact?.name ?? contact?.username ?? null,
        contact?.email ?? null,
        chat.assigneeId ? (agentNames.get(chat.assigneeId.toString()) ?? '') : null,
        chat.status,
        chat.channel,
        seconds(chat.createdAt, chat.firstResponseAt),
        seconds(chat.createdAt, ended),
        outcome,
        ender,
        (chat.unresponsiveAgentIds ?? []).length,
        typeof score === 'number' ? score : null,
      ]);
    })
    .join('');
}

export async function exportChatsCsv(ctx: AppContext, auth: AgentAuth, query: RangeQuery): Promise<Response> {
  const scope = await reportTeams(ctx, auth, query);
  const { zone, range } = dashboardRange(auth, query, ctx.clock.now());
  const orgId = auth.org._id;
  const chats = ctx.repos.forOrg(orgId).chats;
  const match = startedIn(range, scope);
  const total = await chats.count(match);
  const teamNames = new Map(scope.teams.map((t) => [t._id.toString(), t.name]));
  const cursor = chats.cursor(match, { sort: { createdAt: 1, _id: 1 }, batchSize: BATCH });
  const encoder = new TextEncoder();
  let started = false;

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          // The byte order mark makes Excel read the file as UTF-8 (names with accents).
          controller.enqueue(encoder.encode(`\uFEFF${csvRow(CSV_COLUMNS)}`));
          return;
        }
        const batch: ChatDoc[] = [];
        while (batch.length < BATCH) {
          const next = await cursor.next();
          if (next === null) break;
          batch.push(next);
        }
        if (batch.length === 0) {
          await cursor.close();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(await rowsOf(ctx, orgId, batch, zone, teamNames)));
      } catch (err) {
        ctx.log.error('chat export failed', { error: String(err) });
        await cursor.close().catch(() => undefined);
        controller.error(err);
      }
    },
    async cancel() {
      await cursor.close();
    },
  });

  const name = `chats-${range.from}-to-${range.to}.csv`;
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'x-total-count': String(total),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}
