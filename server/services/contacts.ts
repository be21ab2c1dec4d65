// Contacts: the organization's CRM records. Every function takes the organization id and
// scopes every query by it; ids from another organization read as "not found".
//
// These are also the functions the handoff API calls, so they validate what they store
// (tags, custom fields) themselves instead of relying on the HTTP schema in front of them.
//
// Search: the stand-in has no $text, so every write that touches name, username, e-mail or tags
// recomputes `searchText` (those values lower-cased, one per line) and search is an escaped
// substring regex on it. The recomputation is a second, conditional write that only applies if
// those fields still hold what the first write returned; if another write came in between, that
// writer's own recomputation sees the later state, so the last writer always leaves it right.
import { ObjectId } from '../db/ids';
import type { ContactDto, Page } from '../../shared/types/dto';
import type { CustomFieldType } from '../../shared/types/enums';
import type { AppContext } from '../context';
import { badRequest, conflict, notFound } from '../errors';
import type { ContactDoc, ScopedFilter } from '../db/types';
import { actorOf, objectId, orgTeams } from './access';
import { chatDtos, chatViewer } from './chats';
import { toContactDto } from './mappers';
import { isDuplicateKey } from './organizations';
import type { AgentAuth } from './sessions';
import { escapeRegex } from './teams';
import { withoutControlCharacters } from './text-input';
import type { ContactPatch } from '../../shared/contract/contacts';
import { CONTACT_LIMITS } from '../../shared/types/limits';
import type { ContactChange } from '../../shared/types/integrations';

export const CUSTOM_FIELD_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
/** ISO 8601 date or date-time (what `Date.toISOString` and `<input type=date>` produce). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** The contact's own fields, as a patch (console, handoff and v1 API alike). */
export type ContactFields = ContactPatch;

/** Where a helper's validation errors point; the HTTP layer and the handoff API differ. */
export interface FieldNames {
  key?: string;
  type?: string;
  value?: string;
  tag?: string;
}

type SearchSource = Pick<ContactDoc, 'name' | 'username' | 'email' | 'tags'>;

export function searchTextOf(c: SearchSource): string {
  return [c.name, c.username, c.email, ...(c.tags ?? [])]
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .map((v) => v.toLowerCase())
    .join('\n');
}

async function refreshSearchText(ctx: AppContext, c: ContactDoc): Promise<ContactDoc> {
  const searchText = searchTextOf(c);
  if (searchText === c.searchText) return c;
  await ctx.repos.forOrg(c.orgId).contacts.setSearchTextIfUnchanged(c, searchText);
  return { ...c, searchText };
}

/** Trimmed text, or null for blank; undefined stays undefined (not given). */
function clean(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * International numbers are stored compact (+447700900123), like members' phones, so one number
 * is one value; anything else (bot channels send odd formats) is kept as given, never refused.
 */
function compactPhone(phone: string): string {
  const compact = phone.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : phone;
}

function fieldSet(fields: ContactFields): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const key of ['name', 'username'] as const) {
    const v = clean(fields[key]);
    if (v !== undefined) set[key] = v;
  }
  const phone = clean(fields.phone);
  if (phone !== undefined) set.phone = phone === null ? null : compactPhone(phone);
  const email = clean(fields.email);
  if (email !== undefined) set.email = email === null ? null : email.toLowerCase();
  if (fields.status !== undefined) set.status = fields.status;
  return set;
}

const asId = (id: string | ObjectId): ObjectId => (typeof id === 'string' ? objectId(id, 'Contact') : id);

export async function findContact(ctx: AppContext, orgId: ObjectId, id: string | ObjectId): Promise<ContactDoc> {
  const contact = await ctx.repos.forOrg(orgId).contacts.findById(asId(id));
  if (!contact) throw notFound('Contact');
  return contact;
}

/** Applies an operator update to one contact of the organization and keeps searchText right. */
async function modify(ctx: AppContext, orgId: ObjectId, id: string | ObjectId, update: Record<string, unknown>, extraFilter: ScopedFilter = {}): Promise<ContactDoc | null> {
  const updated = await ctx.repos.forOrg(orgId).contacts.findOneAndUpdate({ _id: asId(id), ...extraFilter }, update);
  if (!updated) return null;
  const refreshed = await refreshSearchText(ctx, updated);
  await ctx.events.emit('contact.updated', { contact: refreshed, changed: changesOf(update) });
  return refreshed;
}

/** What an update touched, in the words of the `contact.updated` webhook. */
function changesOf(update: Record<string, unknown>): ContactChange[] {
  const keys = Object.values(update).flatMap((part) => Object.keys(part as Record<string, unknown>));
  const changed = new Set<ContactChange>();
  for (const key of keys) {
    if (key === 'status') changed.add('status');
    else if (key.startsWith('tags')) changed.add('tags');
    else if (key.startsWith('customFields')) changed.add('customFields');
    else changed.add('fields');
  }
  return [...changed];
}

/** The contact of a bot platform user on one channel (the v1 lookup). */
export async function findBotUserContact(ctx: AppContext, orgId: ObjectId, external: { botUserId: string; channel: string }): Promise<ContactDoc> {
  const contact = await ctx.repos.forOrg(orgId).contacts.byBotUser(external);
  if (!contact) throw notFound('Contact');
  return contact;
}

export function normalizeTags(tags: readonly string[], field = 'body.tags'): string[] {
  const out: string[] = [];
  tags.forEach((raw, i) => {
    const tag = checkTag(raw, `${field}[${i}]`);
    if (!out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  });
  if (out.length > CONTACT_LIMITS.tags) throw badRequest(`A contact can have at most ${CONTACT_LIMITS.tags} tags`, field);
  return out;
}

function checkTag(raw: string, field: string): string {
  const tag = typeof raw === 'string' ? raw.trim() : '';
  if (tag.length < 1 || tag.length > CONTACT_LIMITS.tagLength) {
    throw badRequest(`A tag is 1 to ${CONTACT_LIMITS.tagLength} characters`, field);
  }
  return withoutControlCharacters(tag, field, 'A tag');
}

export async function createContact(ctx: AppContext, orgId: ObjectId, fields: ContactFields & { tags?: string[] }): Promise<ContactDoc> {
  const tags = normalizeTags(fields.tags ?? []);
  const set = fieldSet(fields);
  // A contact nobody can recognise or reach is no contact ("+ Add contact" with nothing filled in).
  if (!set.name && !set.username && !set.email && !set.phone) throw badRequest('Give at least a name, an e-mail address or a phone number', 'name');
  const now = ctx.clock.now();
  const doc: Record<string, unknown> = { status: 'open', ...set, tags, firstSeenAt: now, lastSeenAt: now };
  doc.searchText = searchTextOf(doc as SearchSource);
  return ctx.repos.forOrg(orgId).contacts.insert(doc);
}

export async function updateContact(ctx: AppContext, orgId: ObjectId, id: string | ObjectId, fields: ContactFields): Promise<ContactDoc> {
  const set = fieldSet(fields);
  if (Object.keys(set).length === 0) return findContact(ctx, orgId, id);
  const updated = await modify(ctx, orgId, id, { $set: set });
  if (!updated) throw notFound('Contact');
  await announceBlocked(ctx, updated, set);
  return updated;
}

/**
 * New sockets and requests of a blocked contact are refused where the visitor token is checked;
 * the sockets already open are closed through the bus, on every instance.
 */
async function announceBlocked(ctx: AppContext, contact: ContactDoc, set: Record<string, unknown>): Promise<void> {
  if (set.status !== 'blocked') return;
  await ctx.bus.publish({ kind: 'contact.blocked', orgId: contact.orgId.toString(), contactId: contact._id.toString() });
}

/**
 * The contact a bot platform user maps to, created on first sight. `fields` overwrite what is
 * stored (null clears, undefined keeps). Two first sightings at once: the unique index lets one
 * insert win and the other retries as an update.
 */
export async function upsertContactByExternalId(
  ctx: AppContext,
  orgId: ObjectId,
  external: { botUserId: string; channel: string },
  fields: ContactFields = {},
): Promise<{ contact: ContactDoc; created: boolean }> {
  const contacts = ctx.repos.forOrg(orgId).contacts;
  const set = fieldSet(fields);
  for (let attempt = 0; ; attempt += 1) {
    const now = ctx.clock.now();
    try {
      const { contact, created } = await contacts.upsertBotUser(external, { $set: { ...set, lastSeenAt: now }, $setOnInsert: { firstSeenAt: now } });
      await announceBlocked(ctx, contact, set);
      return { contact: await refreshSearchText(ctx, contact), created };
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= 2) throw err;
    }
  }
}

export async function addTag(ctx: AppContext, orgId: ObjectId, id: string | ObjectId, rawTag: string, names: FieldNames = {}): Promise<ContactDoc> {
  const tag = checkTag(rawTag, names.tag ?? 'body.tag');
  const same = new RegExp(`^${escapeRegex(tag)}$`, 'i');
  // The filter makes the check and the push one atomic step: no case-variant duplicates.
  const updated = await modify(ctx, orgId, id, { $push: { tags: tag } }, { tags: { $not: same }, [`tags.${CONTACT_LIMITS.tags - 1}`]: { $exists: false } });
  if (updated) return updated;
  const contact = await findContact(ctx, orgId, id);
  if ((contact.tags ?? []).some((t) => same.test(t))) return contact;
  throw conflict(`A contact can have at most ${CONTACT_LIMITS.tags} tags`, names.tag ?? 'body.tag');
}

export async function removeTag(ctx: AppContext, orgId: ObjectId, id: string | ObjectId, rawTag: string): Promise<ContactDoc> {
  const contact = await findContact(ctx, orgId, id);
  const wanted = rawTag.trim().toLowerCase();
  const present = (contact.tags ?? []).filter((t) => t.toLowerCase() === wanted);
  if (present.length === 0) return contact;
  const updated = await modify(ctx, orgId, contact._id, { $pull: { tags: { $in: present } } });
  if (!updated) throw notFound('Contact');
  return updated;
}

/** Checks a custom field against its declared type; dates come in as ISO strings, stored as Date. */
export function customFieldValue(type: CustomFieldType, value: unknown, field = 'body.value'): string | number | boolean | Date {
  const fail = (what: string) => badRequest(`Must be ${what} for a ${type} field`, field);
  switch (type) {
    case 'string':
      if (typeof value !== 'string') throw fail('text');
      if (value.length > CONTACT_LIMITS.stringValue) throw badRequest(`Use at most ${CONTACT_LIMITS.stringValue} characters`, field);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw fail('a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw fail('true or false');
      return value;
    case 'date': {
      if (typeof value !== 'string' || !ISO_DATE.test(value)) throw fail('an ISO date such as 2024-05-31 or 2024-05-31T12:00:00Z');
      const date = new Date(value);
      // Date() rolls 2025-02-30 over to March; the calendar day must survive the round trip.
      const day = new Date(`${value.slice(0, 10)}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value.slice(0, 10)) {
        throw fail('a real calendar date');
      }
      return date;
    }
  }
}

export function checkFieldKey(key: string, field = 'params.key'): string {
  if (!CUSTOM_FIELD_KEY.test(key)) {
    throw badRequest('A field name starts with a letter and uses letters, digits and _ (at most 40)', field);
  }
  return key;
}

export async function setCustomField(
  ctx: AppContext,
  orgId: ObjectId,
  contactId: string | ObjectId,
  key: string,
  type: CustomFieldType,
  value: unknown,
  names: FieldNames = {},
): Promise<ContactDoc> {
  checkFieldKey(key, names.key ?? 'params.key');
  const stored = customFieldValue(type, value, names.value ?? 'body.value');
  const entry = { key, type, value: stored };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // Replace in place when the key exists, else append; each step is atomic on its own and
    // guarded by the other's condition, so a key never appears twice.
    const replaced = await modify(ctx, orgId, contactId, { $set: { 'customFields.$': entry } }, { 'customFields.key': key });
    if (replaced) return replaced;
    const appended = await modify(ctx, orgId, contactId, { $push: { customFields: entry } }, {
      'customFields.key': { $ne: key },
      [`customFields.${CONTACT_LIMITS.customFields - 1}`]: { $exists: false },
    });
    if (appended) return appended;
    const contact = await findContact(ctx, orgId, contactId);
    if (!(contact.customFields ?? []).some((f) => f.key === key)) {
      throw conflict(`A contact can have at most ${CONTACT_LIMITS.customFields} custom fields`, names.key ?? 'params.key');
    }
  }
  throw conflict('The contact changed meanwhile, try again');
}

export async function unsetCustomField(ctx: AppContext, orgId: ObjectId, contactId: string | ObjectId, key: string): Promise<ContactDoc> {
  const updated = await modify(ctx, orgId, contactId, { $pull: { customFields: { key } } });
  if (!updated) throw notFound('Contact');
  return updated;
}

// ---------------------------------------------------------------------------------------------
// Listing

interface Cursor {
  t: number;
  id: string;
}

function encodeCursor(c: ContactDoc): string {
  return Buffer.from(JSON.stringify({ t: c.lastSeenAt.getTime(), id: c._id.toHexString() } satisfies Cursor)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (
      typeof parsed === 'object' && parsed !== null &&
      Number.isSafeInteger((parsed as Cursor).t) &&
      typeof (parsed as Cursor).id === 'string' && /^[0-9a-f]{24}$/.test((parsed as Cursor).id)
    ) {
      return parsed as Cursor;
    }
  } catch {
    // fall through
  }
  throw badRequest('This is not a cursor this server issued', 'query.cursor');
}

export async function searchContacts(
  ctx: AppContext,
  orgId: ObjectId,
  query: { q?: string; tag?: string; cursor?: string; limit?: number },
): Promise<Page<ContactDto>> {
  const limit = Math.min(Math.max(query.limit ?? 25, 1), CONTACT_LIMITS.pageSize);
  const and: ScopedFilter[] = [];
  const q = query.q === undefined ? undefined : withoutControlCharacters(query.q, 'query.q', 'The search text').trim().toLowerCase();
  if (q) and.push({ searchText: { $regex: escapeRegex(q) } });
  const tag = query.tag === undefined ? undefined : withoutControlCharacters(query.tag, 'query.tag', 'The tag filter').trim();
  if (tag) and.push({ tags: new RegExp(`^${escapeRegex(tag)}$`, 'i') });
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    const at = new Date(c.t);
    and.push({ $or: [{ lastSeenAt: { $lt: at } }, { lastSeenAt: at, _id: { $lt: new ObjectId(c.id) } }] });
  }
  const rows = await ctx.repos.forOrg(orgId).contacts.find(and.length > 0 ? { $and: and } : {}, { sort: { lastSeenAt: -1, _id: -1 }, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(toContactDto), next: rows.length > limit && last ? encodeCursor(last) : null };
}

/** The contact's chats the caller may see, newest first. */
export async function contactChats(ctx: AppContext, auth: AgentAuth, contactId: string) {
  const orgId = auth.org._id;
  const contact = await findContact(ctx, orgId, contactId);
  const teams = await orgTeams(ctx, orgId);
  const chats = await ctx.repos.forOrg(orgId).chats.visibleTo(chatViewer(actorOf(auth.user), teams), [{ contactId: contact._id }], {
    sort: { createdAt: -1, _id: -1 },
    limit: 200,
  });
  return chatDtos(ctx, orgId, chats);
}
