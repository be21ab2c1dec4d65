// "@name" in a note: the query under the caret, members matching it, and the ids a note names.
import type { MentionableMember } from '../../../../shared/contract/notes';

/** The "@query" ending at `caret` (after the start or a space), or null. */
export function atQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)@([^\s@]*)$/.exec(before);
  if (!m) return null;
  return { start: before.length - m[2]!.length - 1, query: m[2]! };
}

export function matchMembers(members: readonly MentionableMember[], query: string, limit = 8): MentionableMember[] {
  const q = query.trim().toLowerCase();
  const starts = (m: MentionableMember) => m.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(q)) || m.email.toLowerCase().startsWith(q);
  return members.filter((m) => q === '' || starts(m) || m.name.toLowerCase().includes(q)).slice(0, limit);
}

/** The members picked in the popup whose "@Name" is still in the text when it is sent. */
export function mentionedIds(text: string, picked: readonly MentionableMember[]): string[] {
  return [...new Set(picked.filter((m) => text.includes(`@${m.name}`)).map((m) => m.id))];
}
