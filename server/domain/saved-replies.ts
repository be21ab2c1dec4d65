// Rules of saved replies and chat labels as pure functions: who may keep which saved reply, and
// what a shortcut or a label may look like once normalized. The services turn the refusals into
// 400s naming the field; the tests are tables of cases.
import type { Role } from '../../shared/types/enums';
import { SAVED_REPLY_LIMITS, type SavedReplyScope } from '../../shared/contract/saved-replies';

const MANAGES_SHARED: readonly Role[] = ['owner', 'admin', 'supervisor'];

/**
 * Shared replies are the organization's voice: supervisors, admins and owners keep them.
 * Personal ones belong to their owner alone — an admin does not edit someone's own snippets.
 */
export function canManageSavedReply(actor: { role: Role; userId: string }, reply: { scope: SavedReplyScope; ownerId: string | null }): boolean {
  if (reply.scope === 'shared') return MANAGES_SHARED.includes(actor.role);
  return reply.ownerId === actor.userId;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Lower case letters, digits, "-" and "_", starting with a letter or digit: what follows "/" in the composer. */
const SHORTCUT = /^[a-z0-9][a-z0-9_-]*$/;

export function normalizeShortcut(raw: string): Checked<string> {
  const value = raw.trim().replace(/^\//, '').toLowerCase();
  if (value.length === 0) return { ok: false, message: 'Give the shortcut a name' };
  if (value.length > SAVED_REPLY_LIMITS.shortcutLength) return { ok: false, message: `A shortcut is at most ${SAVED_REPLY_LIMITS.shortcutLength} characters` };
  if (!SHORTCUT.test(value)) return { ok: false, message: 'A shortcut holds only letters, digits, "-" and "_" (no spaces)' };
  return { ok: true, value };
}

export function normalizeReplyText(raw: string): Checked<string> {
  // Line breaks and tabs are part of a reply; other control characters (NUL…) are not.
  const value = raw.replace(/\r\n?/g, '\n').trim();
  if (value.length === 0) return { ok: false, message: 'Write the reply’s text' };
  if (value.length > SAVED_REPLY_LIMITS.textLength) return { ok: false, message: `A reply is at most ${SAVED_REPLY_LIMITS.textLength} characters` };
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value)) return { ok: false, message: 'The text must not contain control characters' };
  return { ok: true, value };
}
