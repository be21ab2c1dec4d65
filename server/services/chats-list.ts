// The bot platform's chat list (GET /api/v1/chats): filters, and a cursor over (updatedAt, _id)
// so a platform that was away pages through everything that changed, none twice per version.
//
// Known limit: updatedAt is taken by the writer before its write lands, so a write racing a page
// read can land just behind that page's cursor by a few milliseconds. Platforms that need every
// version should resume with `updatedSince` a few seconds before their last cursor's time
// (chats then repeat, never go missing); ordinary catch-up by cursor never misses a chat's
// latest state because any later write moves it past the cursor again.
import { ObjectId } from '../db/ids';
import { CHATS_LIST_LIMITS, type V1ChatsListQuery, type V1ChatsPage } from '../../shared/contract/handoff-chats-list';
import type { AppContext } from '../context';
import { badRequest } from '../errors';
import type { ChatDoc, ScopedFilter } from '../db/types';
import { chatDtos } from './chats';

const encodeCursor = (chat: Pick<ChatDoc, '_id' | 'updatedAt'>): string =>
  Buffer.from(`${chat.updatedAt!.getTime()}|${chat._id.toHexString()}`).toString('base64url');

function decodeCursor(raw: string): { at: Date; id: ObjectId } {
  const [at, id, extra] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !at || !/^\d{1,15}$/.test(at) || !id || !/^[0-9a-f]{24}$/.test(id)) {
    throw badRequest('Not a cursor this server issued', 'query.cursor');
  }
  return { at: new Date(Number(at)), id: new ObjectId(id) };
}

/** Ids in the filters must be the organization's own: another's reads as a 400 on the parameter, never as an empty list. */
async function checkFilterIds(ctx: AppContext, orgId: ObjectId, q: V1ChatsListQuery): Promise<void> {
  const repos = ctx.repos.forOrg(orgId);
  if (q.teamId !== undefined && !(await repos.teams.exists({ _id: new ObjectId(q.teamId) }))) throw badRequest('There is no such team in this organization', 'query.teamId');
  if (q.agentId !== undefined && q.agentId !== 'none' && !(await repos.members.exists({ _id: new ObjectId(q.agentId) }))) {
    throw badRequest('There is no such member in this organization', 'query.agentId');
  }
  if (q.contactId !== undefined && !(await repos.contacts.exists({ _id: new ObjectId(q.contactId) }))) throw badRequest('There is no such contact in this organization', 'query.contactId');
}

function filtersOf(q: V1ChatsListQuery): ScopedFilter[] {
  const filters: ScopedFilter[] = [];
  if (q.status !== undefined) filters.push({ status: q.status });
  if (q.teamId !== undefined) filters.push({ teamId: new ObjectId(q.teamId) });
  if (q.agentId !== undefined) filters.push({ assigneeId: q.agentId === 'none' ? null : new ObjectId(q.agentId) });
  if (q.contactId !== undefined) filters.push({ contactId: new ObjectId(q.contactId) });
  if (q.handoffId !== undefined) filters.push({ handoffId: q.handoffId });
  if (q.updatedSince !== undefined) {
    const since = new Date(q.updatedSince);
    if (Number.isNaN(since.getTime())) throw badRequest('Enter a date and time such as 2026-01-31T09:30:00Z', 'query.updatedSince');
    filters.push({ updatedAt: { $gte: since } });
  }
  return filters;
}

export async function listChangedChats(ctx: AppContext, orgId: ObjectId, q: V1ChatsListQuery): Promise<V1ChatsPage> {
  const after = q.cursor === undefined ? null : decodeCursor(q.cursor);
  await checkFilterIds(ctx, orgId, q);
  const filters = filtersOf(q);
  const limit = q.limit ?? CHATS_LIST_LIMITS.defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > CHATS_LIST_LIMITS.maxLimit) {
    throw badRequest(`Must be a whole number from 1 to ${CHATS_LIST_LIMITS.maxLimit}`, 'query.limit');
  }
  const chats = ctx.repos.forOrg(orgId).chats;
  await chats.stampMissingUpdatedAt();
  // One more than asked tells whether more are waiting.
  const rows = await chats.changedSince(filters, after, limit + 1);
  const page = rows.slice(0, limit);
  const dtos = await chatDtos(ctx, orgId, page);
  const items = page.map((chat, i) => ({
    ...dtos[i]!,
    handoffId: chat.handoffId ?? null,
    url: `${ctx.config.publicUrl}/chats/${chat._id.toString()}`,
    updatedAt: chat.updatedAt!.toISOString(),
  }));
  const last = page[page.length - 1];
  return { items, next: last ? encodeCursor(last) : (q.cursor ?? null), hasMore: rows.length > limit };
}
