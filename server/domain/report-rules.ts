// Which chats the reports count as missed or abandoned, and who may read the reports. Pure.
//
// A chat is *unanswered* when it ended before any agent wrote in it (no firstResponseAt). Then:
// - abandoned: the visitor left — the `ended` event's actor is the contact;
// - missed: anyone else ended it (an agent closing a stale queue entry, the bot platform taking
//   the visitor back, the system) — nobody on the team answered in time.
// A chat an agent answered is neither, even if it waited long. Chats still open are not counted:
// they can still be answered.
//
// Per agent, *missed* is different: the chats an agent was given by auto-assignment and let time
// out (the unresponsive-agent job fired and recorded them in `chat.unresponsiveAgentIds`), whether
// the chat then went to someone else, back to the queue, or stayed.
import type { EventActorKind } from '../../shared/types/enums';
import { isTeamManager, type Actor } from './permissions';

export type UnansweredKind = 'missed' | 'abandoned';

/** Enders whose ending means "the visitor left". */
export const ABANDONING_ACTORS: readonly EventActorKind[] = ['contact'];

export function unansweredKind(chat: { endedAt: Date | null; firstResponseAt: Date | null; endedBy: EventActorKind | null }): UnansweredKind | null {
  if (chat.endedAt === null || chat.firstResponseAt !== null) return null;
  return chat.endedBy !== null && ABANDONING_ACTORS.includes(chat.endedBy) ? 'abandoned' : 'missed';
}

/**
 * The teams whose reports (per-agent figures, missed chats, the CSV export) the actor may read:
 * the teams they manage — all for admins and owners, their own for supervisors, none for agents.
 * An agent's performance is a supervisor's business, not their colleagues'.
 */
export function reportTeamIds(actor: Actor, teamIds: readonly string[]): string[] {
  return teamIds.filter((id) => isTeamManager(actor, id));
}
