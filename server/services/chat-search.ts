// Chat search (issue 17 item 3): one box for message text, private notes, contact name / e-mail /
// username and chat labels, with filters and sorts, over the chats the caller may see.
//
// - Text goes through MongoDB `$text` on the messages' (and notes') text index: the same query on
//   mongod and on the stand-in. Only the best-scoring MAX_TEXT_HITS messages take part, so a
//   word in every chat still answers fast; for agents who see few chats (Self Service and
//   Restrictive teams) the text query itself is narrowed to their chats, so nothing of theirs is
//   crowded out by chats they may not open.
// - Contacts match by an escaped, case-insensitive pattern on name, e-mail and username (never the
//   user's own regex; control characters are a 400, see text-input.ts).
// - A label matches by equality on its normalized form.
// - The final read is `chats.visibleTo` with the inbox's permission rules (services/chats.ts
//   `chatViewer`), so a result is always a chat the caller may open. Notes are searched only on
//   this agent route; visitors have no search at all.
import { ObjectId } from '../db/ids';
import { SEARCH_LIMITS, type ChatSearchQuery, type SearchHit } from '../../shared/contract/search';
import type { AppContext } from '../context';
import type { ChatDoc, ScopedFilter } from '../db/types';
import type { TextHit } from '../db/repos/notes';
import { normalizeLabel } from '../domain/chat-labels';
import { badRequest } from '../errors';
import { actorOf, objectId, orgTeams } from './access';
import { labelOf } from './chat-labels';
import { chatDtos, chatViewer } from './chats';
import { escapeRegex } from './teams';
import { withoutControlCharacters } from './text-input';
import type { AgentAuth } from './sessions';

const MAX_TEXT_HITS = 1000;
/** Contacts matched by name / e-mail / username, most recently seen first (a common first name matches many). */
const MAX_CONTACTS = 100;
/** Up to this many visible chats are handed to the text query as a `chatId $in`. */
const NARROW_TO = 5000;

type Match = NonNullable<SearchHit['match']>;
interface Found {
  match: Match;
  text: string;
  at: Date | null;
  terms: string[];
}

function dateOf(raw: string | undefined, field: string): Date | null {
  if (raw === undefined || raw === '') return null;
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) throw badRequest('Enter a date such as 2026-01-31 or 2026-01-31T09:30:00Z', field);
  return at;
}

/** Ids in the filters must be the organization's own: another's is a 400 on the parameter, never an empty list. */
async function filtersOf(ctx: AppContext, auth: AgentAuth, q: ChatSearchQuery): Promise<ScopedFilter[]> {
  const repos = ctx.repos.forOrg(auth.org._id);
  const filters: ScopedFilter[] = [];
  if (q.status === 'open') filters.push({ status: { $in: ['unassigned', 'assigned'] } });
  else if (q.status !== undefined) filters.push({ status: q.status });
  if (q.teamId !== undefined && q.teamId !== '') {
    const teamId = objectId(q.teamId, 'Team', 'query.teamId');
    if (!(await repos.teams.exists({ _id: teamId }))) throw badRequest('There is no such team in this organization', 'query.teamId');
    filters.push({ teamId });
  }
  if (q.agentId !== undefined && q.agentId !== '' && q.agentId !== 'none') {
    const agentId = objectId(q.agentId, 'Member', 'query.agentId');
    if (!(await repos.members.exists({ _id: agentId }))) throw badRequest('There is no such member in this organization', 'query.agentId');
    filters.push({ assigneeId: agentId });
  }
  if (q.agentId === 'none') filters.push({ assigneeId: null });
  if (q.label !== undefined && q.label !== '') filters.push({ labels: labelOf(q.label, 'query.label') });
  const from = dateOf(q.from, 'query.from');
  const to = dateOf(q.to, 'query.to');
  if (from && to && from >= to) throw badRequest('The end of the range must be after its start', 'query.to');
  if (from || to) filters.push({ createdAt: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } });
  return filters;
}

const SORTS = {
  newest: { createdAt: -1, _id: -1 },
  waiting: { createdAt: 1, _id: 1 },
  activity: { 'lastMessage.createdAt': -1, createdAt: -1, _id: -1 },
} as const;

const timeOf = (d: Date | null | undefined): number => (d instanceof Date ? d.getTime() : 0);

/** The SORTS orders in memory, for merging pages read apart. */
function compareBy(sort: keyof typeof SORTS): (a: ChatDoc, b: ChatDoc) => number {
  const byCreated = (a: ChatDoc, b: ChatDoc) => timeOf(a.createdAt) - timeOf(b.createdAt) || a._id.toHexString().localeCompare(b._id.toHexString());
  if (sort === 'waiting') return byCreated;
  if (sort === 'activity') return (a, b) => timeOf(b.lastMessage?.createdAt) - timeOf(a.lastMessage?.createdAt) || byCreated(b, a);
  return (a, b) => byCreated(b, a);
}

/** The words of `q` that a snippet highlights (quotes and negations removed). */
const termsOf = (q: string): string[] =>
  q
    .replace(/-("[^"]*"|\S+)/g, ' ')
    .split(/[\s"]+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 1)
    .slice(0, 10);

/** A window of `text` around its first match, with the ranges of every matching word in it. */
export function snippetOf(text: string, terms: readonly string[]): { text: string; highlights: { start: number; end: number }[] } {
  const lower = text.toLowerCase();
  // $text matches stems ("refunds" finds "refund"): highlight by the shared prefix of each word.
  const stems = terms.map((t) => t.toLowerCase().replace(/(ing|ed|es|s)$/, '')).filter((t) => t.length > 0);
  const first = stems.map((s) => lower.indexOf(s)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, first - 60);
  const end = Math.min(text.length, start + 200);
  const window = `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  const windowLower = window.toLowerCase();
  const highlights: { start: number; end: number }[] = [];
  for (const stem of stems) {
    const word = new RegExp(`${escapeRegex(stem)}[\\p{L}\\p{N}]*`, 'gu');
    for (const m of windowLower.matchAll(word)) highlights.push({ start: m.index, end: m.index + m[0].length });
  }
  highlights.sort((a, b) => a.start - b.start);
  const merged: typeof highlights = [];
  for (const h of highlights) {
    const last = merged[merged.length - 1];
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else merged.push({ ...h });
  }
  return { text: window, highlights: merged };
}

export async function searchChats(ctx: AppContext, auth: AgentAuth, query: ChatSearchQuery): Promise<{ items: SearchHit[] }> {
  const repos = ctx.repos.forOrg(auth.org._id);
  const viewer = chatViewer(actorOf(auth.user), await orgTeams(ctx, auth.org._id));
  const filters = await filtersOf(ctx, auth, query);
  const limit = Math.min(query.limit ?? SEARCH_LIMITS.defaultLimit, SEARCH_LIMITS.maxLimit);
  const sort = SORTS[query.sort ?? 'newest'];
  const q = withoutControlCharacters((query.q ?? '').trim(), 'query.q', 'The search');
  if (q.length > SEARCH_LIMITS.queryLength) throw badRequest(`Search for at most ${SEARCH_LIMITS.queryLength} characters`, 'query.q');

  if (q === '') {
    const chats = await repos.chats.visibleTo(viewer, filters, { sort, limit });
    return { items: (await chatDtos(ctx, auth.org._id, chats)).map((chat) => ({ chat, match: null, snippet: null })) };
  }

  // Agents who see only their own chats and a queue: the text query runs inside those chats.
  let within: ScopedFilter = {};
  if (viewer.allOf.length === 0) {
    const mine = await repos.chats.visibleTo(viewer, filters, { projection: { _id: 1 }, limit: NARROW_TO + 1 });
    if (mine.length === 0) return { items: [] };
    if (mine.length <= NARROW_TO) within = { chatId: { $in: mine.map((c) => c._id) } };
  }
  const terms = termsOf(q);
  const pattern = new RegExp(escapeRegex(q), 'i');
  const label = normalizeLabel(q);
  const [messageHits, noteHits, contacts] = await Promise.all([
    repos.messages.textHits(q, MAX_TEXT_HITS, within),
    repos.notes.textHits(q, MAX_TEXT_HITS, within),
    repos.contacts.find<{ _id: ObjectId; name?: string | null; email?: string | null; username?: string | null }>(
      { $or: [{ name: pattern }, { email: pattern }, { username: pattern }] },
      { projection: { name: 1, email: 1, username: 1 }, sort: { lastSeenAt: -1, _id: -1 }, limit: MAX_CONTACTS },
    ),
  ]);

  // The best hit of each chat (text hits come best first): messages before notes.
  const found = new Map<string, Found>();
  const take = (hits: TextHit[], match: Match) => {
    for (const h of hits) {
      const key = h.chatId.toString();
      if (!found.has(key)) found.set(key, { match, text: h.text, at: h.createdAt, terms });
    }
  };
  take(messageHits, 'message');
  take(noteHits, 'note');
  const byContact = new Map(contacts.map((c) => [c._id.toString(), c]));
  // One read per kind of match, each already sorted and cut to the page, merged here: one read
  // with an $or of them would make every chat of the organization test a long `_id $in`.
  const hitIds = [...found.keys()].map((id) => new ObjectId(id));
  const reads = await Promise.all([
    hitIds.length > 0 ? repos.chats.visibleAmong(viewer, hitIds, filters, { sort, limit }) : [],
    contacts.length > 0 ? repos.chats.visibleTo(viewer, [...filters, { contactId: { $in: contacts.map((c) => c._id) } }], { sort, limit }) : [],
    label.ok ? repos.chats.visibleTo(viewer, [...filters, { labels: label.value }], { sort, limit }) : [],
  ]);
  const unique = new Map<string, ChatDoc>();
  for (const chat of reads.flat()) unique.set(chat._id.toString(), chat);
  const chats = [...unique.values()].sort(compareBy(query.sort ?? 'newest')).slice(0, limit);
  const dtos = await chatDtos(ctx, auth.org._id, chats);
  const items = chats.map((chat, i): SearchHit => {
    const hit = found.get(chat._id.toString());
    if (hit) return { chat: dtos[i]!, match: hit.match, snippet: { ...snippetOf(hit.text, hit.terms), at: hit.at?.toISOString() ?? null } };
    const contact = byContact.get(chat.contactId.toString());
    if (contact) {
      const text = [contact.name, contact.email, contact.username].filter((v): v is string => typeof v === 'string' && pattern.test(v))[0] ?? '';
      const at = text.toLowerCase().indexOf(q.toLowerCase());
      return { chat: dtos[i]!, match: 'contact', snippet: { text, highlights: at >= 0 ? [{ start: at, end: at + q.length }] : [], at: null } };
    }
    return { chat: dtos[i]!, match: 'label', snippet: label.ok ? { text: label.value, highlights: [{ start: 0, end: label.value.length }], at: null } : null };
  });
  return { items };
}
