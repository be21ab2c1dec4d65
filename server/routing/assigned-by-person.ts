// A person (or the handoff API) assigned or moved a chat through assignChat.
import type { AppContext } from '../context';
import { JOB } from '../jobs/names';
import type { ChatDoc } from '../db/types';
import type { RoutingEngine } from './engine';
import { scheduleAssignmentNotices } from './notifications';

export async function assignedByPerson(
  engine: RoutingEngine,
  chat: ChatDoc,
  info: { byUserId: string | null; previous: { teamId: string; assigneeId: string | null } },
): Promise<void> {
  const ctx: AppContext = engine.ctx;
  const orgId = chat.orgId.toString();
  const repos = ctx.repos.forOrg(chat.orgId);
  if (chat.unresponsiveDueAt && !chat.autoAssigned) {
    // A person took over an auto-assigned chat: the old assignment's timer is moot.
    await repos.chats.updateOne({ _id: chat._id, assignedAt: chat.assignedAt, autoAssigned: false }, { $set: { unresponsiveDueAt: null } });
    await ctx.jobs.cancel(JOB.unresponsive, { chatId: chat._id.toString() });
  }
  if (chat.status === 'assigned' && chat.assigneeId) {
    const agent = await repos.members.findById(chat.assigneeId);
    if (agent) await scheduleAssignmentNotices(ctx, chat, agent, info.byUserId);
  } else if (chat.status === 'unassigned' && (chat.teamId.toString() !== info.previous.teamId || info.previous.assigneeId !== null)) {
    // Moved into a queue (another team's, or back into its own): that team's rules apply now.
    engine.background('drain after move', () => engine.drainTeam(orgId, chat.teamId.toString()));
  }
  const previousAgent = info.previous.assigneeId;
  if (previousAgent && previousAgent !== chat.assigneeId?.toString()) {
    // The chat left them: they may be under their cap again.
    engine.background('drain after reassign', () => engine.agentChanged(orgId, previousAgent));
  }
}
