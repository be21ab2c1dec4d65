// Validation of the team settings the API stores (TeamSettings in shared/types/dto.ts).
//
// Cross-field rules need the whole object, so a PATCH is merged onto the stored settings first
// (`applyTeamSettingsPatch`) and the result validated as a whole; validating the patch alone
// could accept e.g. a schedule whose after-hours message is empty in the stored document.
//
// Decisions:
// - With a schedule, the after-hours message is required: a chat started after hours gets it at
//   once, and an empty message would leave the visitor with no answer at all.
// - `offer_choice` requires its message (it is the offer). `reassign` may have an empty one
//   (nothing is posted, the chat just moves).
// - Unresponsive settings are kept even when the assignment strategy is `none` (they only apply
//   to auto-assigned chats): switching strategies back and forth must not lose them.
// - The assigned message may be empty (nothing is posted on auto-assignment).
import {
  ASSIGNMENT_STRATEGIES,
  PERMISSION_MODES,
  UNRESPONSIVE_STRATEGIES,
  isOneOf,
} from '../../shared/types/enums';
import { TEAM_SETTINGS_LIMITS } from '../../shared/types/limits';
import type { TeamSettings } from '../../shared/types/dto';
import { validateSchedule } from './schedule';
import { isPlainObject, joinPath, unknownKeys, type FieldError } from './validation';
import { TEAM_SETTING_KEYS } from '../../shared/types/team-settings';

export { TEAM_SETTINGS_LIMITS };

const KEYS = TEAM_SETTING_KEYS;

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
  };
}

function oneOf(value: unknown, allowed: readonly string[], field: string): FieldError[] {
  if (isOneOf(allowed, value)) return [];
  return [{ field, message: `must be one of: ${allowed.join(', ')}` }];
}

function message(value: unknown, field: string, required: string | null): FieldError[] {
  if (typeof value !== 'string') return [{ field, message: 'must be text' }];
  if (value.length > TEAM_SETTINGS_LIMITS.messageLength) {
    return [{ field, message: `must be at most ${TEAM_SETTINGS_LIMITS.messageLength} characters` }];
  }
  if (required !== null && value.trim() === '') return [{ field, message: required }];
  return [];
}

function integerIn(value: unknown, range: { min: number; max: number }, field: string, what: string): FieldError[] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max) return [];
  return [{ field, message: `must be a whole number of ${what} from ${range.min} to ${range.max}` }];
}

/**
 * Checks a complete TeamSettings object from untrusted input. `prefix` is prepended to field
 * paths (e.g. "settings"). An empty result means the input is a valid TeamSettings.
 */
export function validateTeamSettings(input: unknown, prefix = ''): FieldError[] {
  if (!isPlainObject(input)) return [{ field: prefix === '' ? 'settings' : prefix, message: 'must be an object' }];
  const at = (key: string) => joinPath(prefix, key);
  const errors = unknownKeys(input, KEYS, prefix);
  for (const key of KEYS) {
    if (!(key in input)) errors.push({ field: at(key), message: 'is required' });
  }

  if ('permissionMode' in input) errors.push(...oneOf(input.permissionMode, PERMISSION_MODES, at('permissionMode')));
  if ('schedule' in input && input.schedule !== null) errors.push(...validateSchedule(input.schedule, at('schedule')));
  if ('afterHoursMessage' in input) {
    const required = input.schedule != null ? 'is required when the team has a schedule' : null;
    errors.push(...message(input.afterHoursMessage, at('afterHoursMessage'), required));
  }
  if ('assignmentStrategy' in input) {
    errors.push(...oneOf(input.assignmentStrategy, ASSIGNMENT_STRATEGIES, at('assignmentStrategy')));
  }
  if ('assignedMessage' in input) errors.push(...message(input.assignedMessage, at('assignedMessage'), null));
  if ('unresponsiveStrategy' in input) {
    errors.push(...oneOf(input.unresponsiveStrategy, UNRESPONSIVE_STRATEGIES, at('unresponsiveStrategy')));
  }
  if ('unresponsiveTimeoutSeconds' in input) {
    errors.push(
      ...integerIn(
        input.unresponsiveTimeoutSeconds,
        TEAM_SETTINGS_LIMITS.unresponsiveTimeoutSeconds,
        at('unresponsiveTimeoutSeconds'),
        'seconds',
      ),
    );
  }
  if ('unresponsiveMessage' in input) {
    const required =
      input.unresponsiveStrategy === 'offer_choice' ? 'is required when the visitor is offered a choice' : null;
    errors.push(...message(input.unresponsiveMessage, at('unresponsiveMessage'), required));
  }
  if ('maxChatsPerAgent' in input && input.maxChatsPerAgent !== null) {
    errors.push(...integerIn(input.maxChatsPerAgent, TEAM_SETTINGS_LIMITS.maxChatsPerAgent, at('maxChatsPerAgent'), 'chats'));
  }
  return errors;
}

/**
 * Merges a PATCH body onto the stored settings and validates the result. Unknown keys are
 * reported, not dropped, so a client typo does not look like a successful save.
 */
export function applyTeamSettingsPatch(
  current: TeamSettings,
  patch: unknown,
  prefix = '',
): { ok: true; value: TeamSettings } | { ok: false; errors: FieldError[] } {
  if (!isPlainObject(patch)) return { ok: false, errors: [{ field: prefix === '' ? 'settings' : prefix, message: 'must be an object' }] };
  const unknown = unknownKeys(patch, KEYS, prefix);
  if (unknown.length > 0) return { ok: false, errors: unknown };
  const merged: Record<string, unknown> = { ...current };
  for (const key of KEYS) if (key in patch) merged[key] = patch[key];
  const errors = validateTeamSettings(merged, prefix);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: merged as unknown as TeamSettings };
}
