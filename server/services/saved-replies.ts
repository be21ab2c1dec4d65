// Saved replies: the organization's shared ones (kept by supervisors and admins) and each
// member's personal ones. Every route checks here, on the server; the console only hides what
// it may not do. Someone else's personal reply is a 404: its existence is not revealed.
import { ObjectId } from '../db/ids';
import type { AppContext } from '../context';
import type { SavedReplyDoc } from '../db/types';
import { canManageSavedReply, normalizeReplyText, normalizeShortcut } from '../domain/saved-replies';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { SAVED_REPLY_LIMITS, type CreateSavedReplyInput, type SavedReplyDto, type SavedReplyScope, type UpdateSavedReplyInput } from '../../shared/contract/saved-replies';
import { isDuplicateKey } from './organizations';
import type { AgentAuth } from './sessions';

const actorOf = (auth: AgentAuth) => ({ role: auth.user.role, userId: auth.user._id.toString() });
const factsOf = (r: SavedReplyDoc) => ({ scope: r.scope as SavedReplyScope, ownerId: r.ownerId ? r.ownerId.toString() : null });

function toDto(auth: AgentAuth, r: SavedReplyDoc): SavedReplyDto {
  return {
    id: r._id.toString(),
    scope: r.scope as SavedReplyScope,
    ownerId: r.ownerId ? r.ownerId.toString() : null,
    shortcut: r.shortcut,
    text: r.text,
    canEdit: canManageSavedReply(actorOf(auth), factsOf(r)),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function shortcutOf(raw: string): string {
  const r = normalizeShortcut(raw);
  if (!r.ok) throw badRequest(r.message, 'body.shortcut');
  return r.value;
}
function textOf(raw: string): string {
  const r = normalizeReplyText(raw);
  if (!r.ok) throw badRequest(r.message, 'body.text');
  return r.value;
}
const taken = () => conflict('This shortcut is already used in this list', 'body.shortcut');

export async function listSavedReplies(ctx: AppContext, auth: AgentAuth): Promise<SavedReplyDto[]> {
  const rows = await ctx.repos.forOrg(auth.org._id).savedReplies.usableBy(auth.user._id);
  return rows.map((r) => toDto(auth, r));
}

export async function createSavedReply(ctx: AppContext, auth: AgentAuth, input: CreateSavedReplyInput): Promise<SavedReplyDto> {
  const ownerId = input.scope === 'personal' ? auth.user._id : null;
  if (!canManageSavedReply(actorOf(auth), { scope: input.scope, ownerId: ownerId?.toString() ?? null })) {
    throw forbidden('Only supervisors and admins keep the shared replies');
  }
  const shortcut = shortcutOf(input.shortcut);
  const text = textOf(input.text);
  const repo = ctx.repos.forOrg(auth.org._id).savedReplies;
  if ((await repo.countInScope(ownerId)) >= SAVED_REPLY_LIMITS.perScope) {
    throw badRequest(`This list holds at most ${SAVED_REPLY_LIMITS.perScope} replies`, 'body.scope');
  }
  const now = ctx.clock.now();
  try {
    const created = await repo.insert({ scope: input.scope, ownerId, shortcut, text, createdBy: auth.user._id, createdAt: now, updatedAt: now });
    return toDto(auth, created);
  } catch (err) {
    // The unique index { orgId, ownerId, shortcut } decides, so two racing creates cannot both win.
    if (isDuplicateKey(err)) throw taken();
    throw err;
  }
}

/** A reply the caller may see (shared, or their own); anything else is unknown to them. */
async function visibleReply(ctx: AppContext, auth: AgentAuth, id: string): Promise<SavedReplyDoc> {
  if (!ObjectId.isValid(id) || !/^[0-9a-fA-F]{24}$/.test(id)) throw notFound('Saved reply');
  const reply = await ctx.repos.forOrg(auth.org._id).savedReplies.findOne({ _id: new ObjectId(id), $or: [{ ownerId: null }, { ownerId: auth.user._id }] });
  if (!reply) throw notFound('Saved reply');
  return reply;
}

async function manageableReply(ctx: AppContext, auth: AgentAuth, id: string): Promise<SavedReplyDoc> {
  const reply = await visibleReply(ctx, auth, id);
  if (!canManageSavedReply(actorOf(auth), factsOf(reply))) throw forbidden('Only supervisors and admins change the shared replies');
  return reply;
}

export async function updateSavedReply(ctx: AppContext, auth: AgentAuth, id: string, patch: UpdateSavedReplyInput): Promise<SavedReplyDto> {
  const reply = await manageableReply(ctx, auth, id);
  // Everything is checked before the one write: a bad text never leaves a renamed shortcut behind.
  const set: Record<string, unknown> = { updatedAt: ctx.clock.now() };
  if (patch.shortcut !== undefined) set.shortcut = shortcutOf(patch.shortcut);
  if (patch.text !== undefined) set.text = textOf(patch.text);
  try {
    const updated = await ctx.repos.forOrg(auth.org._id).savedReplies.findOneAndUpdate({ _id: reply._id }, { $set: set });
    if (!updated) throw notFound('Saved reply');
    return toDto(auth, updated);
  } catch (err) {
    if (isDuplicateKey(err)) throw taken();
    throw err;
  }
}

export async function deleteSavedReply(ctx: AppContext, auth: AgentAuth, id: string): Promise<void> {
  const reply = await manageableReply(ctx, auth, id);
  await ctx.repos.forOrg(auth.org._id).savedReplies.deleteOne({ _id: reply._id });
}
