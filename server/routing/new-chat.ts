// A chat was just opened (widget or handoff API). Outside the team's hours the visitor gets the
// after-hours message at once and the chat waits for the drain at the next opening; inside them
// it is offered to the team's available agents right away.
import type { AppContext } from '../context';
import { isOpen } from '../domain/schedule';
import type { ChatDoc } from '../db/types';
import type { TeamDoc } from '../db/types';
import { systemActor } from '../services/chat-events';
import { plainSchedule } from '../services/mappers';
import { postSystemMessage } from '../services/messages';
import { automaticText } from '../services/widget-texts';
import type { RoutingEngine } from './engine';
import { scheduleTeamDrain, scheduleTeamOpening } from './schedules';

/** If routing a new chat fails midway, its team's queue is retried this much later. */
const FAILURE_RETRY_MS = 5_000;

export async function chatCreated(engine: RoutingEngine, chat: ChatDoc): Promise<void> {
  const { ctx } = engine;
  const team = await ctx.repos.forOrg(chat.orgId).teams.findById(chat.teamId);
  if (!team) return;
  if (!isOpen(plainSchedule(team.schedule), ctx.clock.now())) {
    // In the visitor's language when the organization wrote one (else the team's text).
    const text = await automaticText(ctx, chat, 'afterHours', team.afterHoursMessage);
    if (text !== '') await postSystemMessage(ctx, chat, text);
    if (team.assignmentStrategy !== 'none') await scheduleTeamOpening(ctx, team);
    return;
  }
  if (team.assignmentStrategy === 'none') return;
  try {
    await engine.offer(chat, team, { kind: 'auto_assigned', actor: systemActor });
  } catch (err) {
    // The chat exists and the visitor has it; routing failing must not fail their request.
    ctx.log.error('routing a new chat failed; the queue will be retried', { chatId: chat._id.toString(), err });
    await retryLater(ctx, team);
  }
}

async function retryLater(ctx: AppContext, team: TeamDoc): Promise<void> {
  try {
    await scheduleTeamDrain(ctx, team, new Date(ctx.clock.now().getTime() + FAILURE_RETRY_MS));
  } catch (err) {
    ctx.log.error('could not schedule a routing retry', { teamId: team._id.toString(), err });
  }
}
