import { ObjectId } from '../db/ids';
import type { ChatDto, WidgetConfigDto } from '../../shared/types/dto';
import type { AppContext } from '../context';
import { badRequest, conflict, isAppError } from '../errors';
import type { ChatDoc } from '../db/types';
import type { OrganizationDoc } from '../db/types';
import type { TeamDoc } from '../db/types';
import { widgetSettingsOf, withoutLabels } from './mappers';
import { chatDtos, endChat, openChat } from './chats';
import { chatEnded, type VisitorAuth } from './visitors';
import { widgetLimits } from './visitor-limits';
import { teamAvailability } from './offline-messages';
import { teamWaitEstimate } from './queue-position';
import { prechatFieldsOf, requirePrechat } from './prechat';
import { configTexts, localizedWidget, widgetLocaleOf } from './widget-texts';

export const CHAT_UNAVAILABLE = 'Chat is currently unavailable.';

/** The team a widget chat goes to: the one asked for (if it is the org's) or the default Inbox. */
export async function widgetTeam(ctx: AppContext, org: OrganizationDoc, teamId?: string): Promise<TeamDoc> {
  if (teamId !== undefined) {
    if (!/^[0-9a-fA-F]{24}$/.test(teamId)) throw badRequest('No such team', 'teamId');
    const team = await ctx.repos.forOrg(org._id).teams.findById(new ObjectId(teamId));
    if (!team) throw badRequest('No such team', 'teamId');
    return team;
  }
  const team =
    (await ctx.repos.forOrg(org._id).teams.findOne({ isDefault: true })) ??
    (await ctx.repos.forOrg(org._id).teams.findOne({}, { sort: { createdAt: 1 } }));
  if (!team) throw badRequest('This organization has no team to chat with', 'teamId');
  return team;
}

export async function widgetConfig(ctx: AppContext, org: OrganizationDoc, teamId?: string, locale?: string): Promise<WidgetConfigDto> {
  const team = await widgetTeam(ctx, org, teamId);
  // A disabled organization (platform-enrollment.ts) shows as closed with this notice.
  const { open, offline } = await teamAvailability(ctx, org, team);
  // The visitor's language's overrides replace the defaults here too, so widgets that only read
  // greeting/afterHoursMessage show them; `texts` says which language they are.
  const texts = configTexts(org, locale);
  const teamNotice = team.afterHoursMessage?.trim() ? texts.afterHours ?? team.afterHoursMessage : null;
  const notice = org.disabled === true ? CHAT_UNAVAILABLE : teamNotice || null;
  const { allowedOrigins: _internal, ...settings } = widgetSettingsOf(org);
  const widget = localizedWidget(settings, texts);
  return {
    orgName: org.name,
    widget,
    texts,
    team: {
      id: team._id.toString(),
      name: team.name,
      open,
      afterHoursMessage: open ? null : notice,
      offline,
      prechat: prechatFieldsOf(team),
      replyEstimateSeconds: open && !offline ? await teamWaitEstimate(ctx, org._id, team._id) : null,
    },
    limits: widgetLimits(ctx.config),
  };
}

/**
 * One open chat per visitor: starting a chat while one is open returns it, so a double click or
 * a second tab never opens two conversations.
 */
export async function startVisitorChat(ctx: AppContext, visitor: VisitorAuth, teamId?: string, locale?: string): Promise<{ chat: ChatDoc; created: boolean }> {
  // The team is checked first, so a bad teamId is refused even when a chat is already open.
  const team = await widgetTeam(ctx, visitor.org, teamId);
  if (visitor.org.disabled === true) throw conflict(CHAT_UNAVAILABLE);
  const open = await ctx.repos.forOrg(visitor.org._id).chats.openOfContact(visitor.contact._id);
  if (open) return { chat: open, created: false };
  requirePrechat(team, visitor);
  // Before the chat exists: its after-hours message is written at creation, in this language.
  const chosen = widgetLocaleOf(locale);
  if (chosen && chosen !== visitor.contact.locale) await ctx.repos.forOrg(visitor.org._id).contacts.updateOne({ _id: visitor.contact._id }, { $set: { locale: chosen } });
  const chat = await openChat(ctx, { orgId: visitor.org._id, contactId: visitor.contact._id, teamId: team._id, channel: 'web' });
  return { chat, created: true };
}

/** The visitor's own chats, newest first (the widget's history after a reload). */
export async function visitorChats(ctx: AppContext, visitor: VisitorAuth): Promise<ChatDto[]> {
  const chats = await ctx.repos.forOrg(visitor.org._id).chats.find({ contactId: visitor.contact._id }, { sort: { createdAt: -1 }, limit: 50 });
  return (await chatDtos(ctx, visitor.org._id, chats)).map(withoutLabels);
}

/** The visitor closes their own chat; a chat that has already ended is a 409 the widget recognizes. */
export async function endVisitorChat(ctx: AppContext, visitor: VisitorAuth, chat: ChatDoc): Promise<ChatDoc> {
  if (chat.status === 'ended') throw chatEnded();
  try {
    return await endChat(ctx, { orgId: visitor.org._id, chat, eventActor: { kind: 'contact', id: visitor.contact._id, name: visitor.contact.name ?? null } });
  } catch (err) {
    // Ended meanwhile (an agent, another tab): the same answer as above.
    if (isAppError(err) && err.code === 'CONFLICT') throw chatEnded();
    throw err;
  }
}
