// The rules of the team settings the API stores (TeamSettings in shared/types/dto.ts) that span
// fields. The route schema has already checked each field's shape, enum and range.
//
// Cross-field rules need the whole object, so a PATCH is merged onto the stored settings first
// (`applyTeamSettingsPatch`) and the result checked as a whole; checking the patch alone could
// accept e.g. a schedule whose after-hours message is empty in the stored document.
//
// Decisions:
// - With a schedule, the after-hours message is required: a chat started after hours gets it at
//   once, and an empty message would leave the visitor with no answer at all.
// - `offer_choice` requires its message (it is the offer). `reassign` may have an empty one
//   (nothing is posted, the chat just moves).
// - Unresponsive settings are kept even when the assignment strategy is `none` (they only apply
//   to auto-assigned chats): switching strategies back and forth must not lose them.
// - The assigned message may be empty (nothing is posted on auto-assignment).
import { TEAM_SETTINGS_LIMITS } from '../../shared/types/limits';
import type { TeamSettings } from '../../shared/types/dto';
import { joinPath, type FieldError } from './validation';
import { TEAM_SETTING_KEYS } from '../../shared/types/team-settings';

export { TEAM_SETTINGS_LIMITS };

/** Posted when auto-resolve ends a chat the visitor stopped answering. */
export const DEFAULT_AUTO_RESOLVE_MESSAGE = "We haven't heard back from you, so we've closed this chat. Just write again if you still need help.";

export function defaultTeamSettings(): TeamSettings {
  return {
    permissionMode: 'collaborative',
    schedule: null,
    // Shown before the visitor writes and posted when the chat opens (ahead of their first
    // message), so it must not thank them for a message they haven't sent yet.
    afterHoursMessage: "We're away right now — leave your question here and we'll reply as soon as we're back.",
    assignmentStrategy: 'none',
    assignedMessage: "You're now chatting with {agent}.",
    unresponsiveStrategy: 'none',
    unresponsiveTimeoutSeconds: 300,
    unresponsiveMessage:
      'Sorry for the wait — {agent} seems to be busy. Would you like another agent, or keep waiting?',
    maxChatsPerAgent: null,
    // Chats were auto-assigned to members who had never opened the console: by default round
    // robin only picks agents who have it open.
    onlineOnlyRouting: true,
    // Off by default: ending a visitor's chat on its own is a choice a team makes.
    autoResolveMinutes: null,
    autoResolveMessage: DEFAULT_AUTO_RESOLVE_MESSAGE,
    prechatForm: { enabled: false, fields: [] },
    offlineWhenNoAgentOnline: false,
  };
}

function required(value: string, field: string, why: string): FieldError[] {
  return value.trim() === '' ? [{ field, message: why }] : [];
}

/**
 * The rules of a team's settings that span fields. Shapes, enums and ranges are the route
 * schema's (shared/contract/teams.ts) and the schedule's own rules are checked at the route
 * (scheduleFirst); what is left needs the whole object.
 */
export function teamSettingsRules(settings: TeamSettings, prefix = ''): FieldError[] {
  const at = (key: string) => joinPath(prefix, key);
  return [
    ...(settings.schedule !== null ? required(settings.afterHoursMessage, at('afterHoursMessage'), 'is required when the team has a schedule') : []),
    ...(settings.unresponsiveStrategy === 'offer_choice'
      ? required(settings.unresponsiveMessage, at('unresponsiveMessage'), 'is required when the visitor is offered a choice')
      : []),
    ...prechatRules(settings.prechatForm, at('prechatForm')),
  ];
}

/** A field asked twice would fill the contact twice; an enabled form needs something to ask. */
function prechatRules(form: TeamSettings['prechatForm'], at: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  form.fields.forEach((f, i) => {
    if (seen.has(f.field)) errors.push({ field: `${at}.fields[${i}].field`, message: 'is asked twice' });
    seen.add(f.field);
    if (f.label.trim() === '') errors.push({ field: `${at}.fields[${i}].label`, message: 'is required' });
  });
  if (form.enabled && form.fields.length === 0) errors.push({ field: `${at}.fields`, message: 'needs at least one field when the form is on' });
  return errors;
}

/** Merges a patch onto the stored settings and checks the cross-field rules on the result. */
export function applyTeamSettingsPatch(
  current: TeamSettings,
  patch: Partial<TeamSettings>,
  prefix = '',
): { ok: true; value: TeamSettings } | { ok: false; errors: FieldError[] } {
  const merged: TeamSettings = { ...current };
  for (const key of TEAM_SETTING_KEYS) if (patch[key] !== undefined) Object.assign(merged, { [key]: patch[key] });
  const errors = teamSettingsRules(merged, prefix);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: merged };
}
