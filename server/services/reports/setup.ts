// GET /api/dashboard/setup: the first-run checklist, each step ticked from the organization's data.
import type { SetupDto } from '../../../shared/types/dashboard';
import type { AppContext } from '../../context';
import { setupChecklist } from '../../domain/setup-checklist';
import type { AgentAuth } from '../sessions';

export async function setupChecklistOf(ctx: AppContext, auth: AgentAuth): Promise<SetupDto> {
  const repos = ctx.repos.forOrg(auth.org._id);
  const [widgetSessions, members, invitations, teamsWithHours, hasChats] = await Promise.all([
    // A widget session exists once a visitor's browser loaded the widget from the snippet.
    repos.visitorSessions.exists({}),
    repos.members.count({}),
    repos.invitations.count({}),
    repos.teams.count({ schedule: { $ne: null } }),
    repos.chats.exists({}),
  ]);
  return {
    steps: setupChecklist({ widgetSessions: widgetSessions ? 1 : 0, otherMembers: members - 1, invitations, teamsWithHours }),
    hasChats,
  };
}
