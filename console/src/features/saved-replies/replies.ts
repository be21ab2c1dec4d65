// Pure rules of saved replies in the composer: where a "/shortcut" is being typed, which
// replies match it, and the text a reply becomes once its placeholders are filled.
import type { SavedReplyDto } from '../../../../shared/contract/saved-replies';

/** The "/query" being typed at the caret: "/" at the start of the text or after white space. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const m = /(^|\s)\/([^\s/]*)$/.exec(before);
  if (!m) return null;
  return { start: before.length - m[2]!.length - 1, query: m[2]! };
}

/**
 * Replies for `query`: shortcuts starting with it first, then shortcuts or texts containing it;
 * a personal reply comes before a shared one with the same shortcut (it is the agent's own).
 */
export function matchReplies(replies: readonly SavedReplyDto[], query: string, limit = 8): SavedReplyDto[] {
  const q = query.trim().toLowerCase();
  const rank = (r: SavedReplyDto): number => {
    if (q === '') return 0;
    if (r.shortcut.startsWith(q)) return 0;
    if (r.shortcut.includes(q)) return 1;
    if (r.text.toLowerCase().includes(q)) return 2;
    return -1;
  };
  return replies
    .map((r) => ({ r, score: rank(r) }))
    .filter((x) => x.score >= 0)
    .sort((a, b) => a.score - b.score || a.r.shortcut.localeCompare(b.r.shortcut) || (a.r.scope === b.r.scope ? 0 : a.r.scope === 'personal' ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.r);
}

export interface PlaceholderValues {
  contactName: string | null;
  agentName: string | null;
  orgName: string | null;
}

/** What a placeholder becomes when its value is unknown: words that still read well in a greeting. */
export const PLACEHOLDER_FALLBACKS = { contactName: 'there', agentName: 'our team', orgName: 'our team' } as const;

/** Fills {contact.name}, {agent.name} and {org.name} (any case, inner spaces allowed); other braces stay. */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  const pick = (v: string | null, fallback: string) => (v && v.trim() ? v.trim() : fallback);
  const table: Record<string, string> = {
    'contact.name': pick(values.contactName, PLACEHOLDER_FALLBACKS.contactName),
    'agent.name': pick(values.agentName, PLACEHOLDER_FALLBACKS.agentName),
    'org.name': pick(values.orgName, PLACEHOLDER_FALLBACKS.orgName),
  };
  return text.replace(/\{\s*([a-z]+\.[a-z]+)\s*\}/gi, (whole, key: string) => table[key.toLowerCase()] ?? whole);
}

/** The composer's text with the "/query" at `start…caret` replaced by `insert`; and where the caret goes. */
export function insertAt(text: string, start: number, caret: number, insert: string): { text: string; caret: number } {
  const next = text.slice(0, start) + insert + text.slice(caret);
  return { text: next, caret: start + insert.length };
}
