// What follows an automatic assignment, after the chat is already the agent's: the unresponsive
// timer first (it must exist even if a later step fails), then the assigned message the visitor
// sees, then the agent's e-mail/SMS notices. Each step is independent; a failure is logged and
// does not undo the assignment.
import type { AppContext } from '../context';
import { renderAssignedMessage } from '../domain/agent-selection';
import { JOB, type UnresponsiveJob } from '../jobs/names';
import type { ChatDoc } from '../db/types';
import type { TeamDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import { postAutomaticMessage } from '../services/messages';
import { automaticText } from '../services/widget-texts';
import { scheduleAssignmentNotices } from './notifications';
import { jobInstant } from './time';

export async function scheduleUnresponsiveCheck(ctx: AppContext, chat: ChatDoc): Promise<void> {
  if (!chat.unresponsiveDueAt || !chat.assigneeId || !chat.assignedAt) return;
  const data: UnresponsiveJob = {
    orgId: chat.orgId.toString(),
    chatId: chat._id.toString(),
    agentId: chat.assigneeId.toString(),
    assignedAt: chat.assignedAt.toISOString(),
  };
  await ctx.jobs.schedule(jobInstant(ctx.clock, chat.unresponsiveDueAt), JOB.unresponsive, data, { chatId: data.chatId, assignedAt: data.assignedAt });
}

export async function afterAutoAssignment(ctx: AppContext, chat: ChatDoc, agent: UserDoc, team: TeamDoc): Promise<void> {
  const step = async (name: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (err) {
      ctx.log.error('routing follow-up failed', { step: name, chatId: chat._id.toString(), err });
    }
  };
  await step('unresponsive timer', () => scheduleUnresponsiveCheck(ctx, chat));
  // In the visitor's language when the organization wrote one (else the team's text).
  const template = await automaticText(ctx, chat, 'assigned', team.assignedMessage).catch((err: unknown) => {
    ctx.log.error('routing follow-up failed', { step: 'assigned message language', chatId: chat._id.toString(), err });
    return (team.assignedMessage ?? '').trim();
  });
  // Written in the agent's voice ("Hi, I'm …"), so it is shown as theirs, not as a system notice.
  const author = { kind: 'agent' as const, id: agent._id, name: agent.name };
  if (template !== '') await step('assigned message', () => postAutomaticMessage(ctx, chat, author, renderAssignedMessage(template, { agent: agent.name })));
  await step('notices', () => scheduleAssignmentNotices(ctx, chat, agent, null));
}
