// The first-run checklist of a new organization's dashboard. Pure: the facts come from the data.
export interface SetupFacts {
  /** A visitor opened the widget at least once (a widget session exists). */
  widgetSessions: number;
  /** Members besides the owner, and invitations sent. */
  otherMembers: number;
  invitations: number;
  /** Teams with opening hours set. */
  teamsWithHours: number;
}

export const SETUP_STEPS = ['install_widget', 'invite_teammate', 'set_team_hours'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export function setupChecklist(f: SetupFacts): { step: SetupStep; done: boolean }[] {
  const done: Record<SetupStep, boolean> = {
    install_widget: f.widgetSessions > 0,
    invite_teammate: f.otherMembers > 0 || f.invitations > 0,
    set_team_hours: f.teamsWithHours > 0,
  };
  return SETUP_STEPS.map((step) => ({ step, done: done[step] }));
}
