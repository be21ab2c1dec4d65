import { describe, expect, test } from 'bun:test';
import type { TeamSettings } from '../../shared/types/dto';
import { applyTeamSettingsPatch, defaultTeamSettings, validateTeamSettings } from './team-settings';

const schedule = {
  timezone: 'Europe/London',
  weekly: { mon: [{ start: '09:00', end: '17:00' }] },
  exceptions: [],
};
const valid = (over: Record<string, unknown> = {}) => ({ ...defaultTeamSettings(), ...over });
const without = (key: keyof TeamSettings) => {
  const copy: Record<string, unknown> = { ...defaultTeamSettings() };
  delete copy[key];
  return copy;
};

describe('defaultTeamSettings', () => {
  test('is valid', () => {
    expect(validateTeamSettings(defaultTeamSettings())).toEqual([]);
  });
  test('is a fresh object each time', () => {
    const a = defaultTeamSettings();
    a.permissionMode = 'restrictive';
    expect(defaultTeamSettings().permissionMode).toBe('collaborative');
  });
  test('always open, no auto-assignment, collaborative (a new Inbox works out of the box)', () => {
    const d = defaultTeamSettings();
    expect([d.schedule, d.assignmentStrategy, d.permissionMode, d.maxChatsPerAgent]).toEqual([null, 'none', 'collaborative', null]);
    expect(d.assignedMessage).toContain('{agent}');
  });
});

describe('validateTeamSettings', () => {
  const cases: [string, unknown, string[]][] = [
    ['defaults', valid(), []],
    ['every permission mode', valid({ permissionMode: 'restrictive' }), []],
    ['unknown permission mode', valid({ permissionMode: 'open' }), ['permissionMode']],
    ['with a schedule', valid({ schedule }), []],
    ['schedule errors carry the full path', valid({ schedule: { ...schedule, weekly: { mon: [{ start: '9:00', end: '17:00' }] } } }), ['schedule.weekly.mon[0].start']],
    ['schedule zone error', valid({ schedule: { ...schedule, timezone: 'Nowhere' } }), ['schedule.timezone']],
    ['schedule not an object', valid({ schedule: 'weekdays' }), ['schedule']],
    ['schedule undefined is not null', valid({ schedule: undefined }), ['schedule']],
    ['schedule needs an after-hours message', valid({ schedule, afterHoursMessage: '  ' }), ['afterHoursMessage']],
    ['no schedule: empty after-hours message is fine', valid({ afterHoursMessage: '' }), []],
    ['after-hours message too long', valid({ afterHoursMessage: 'x'.repeat(2001) }), ['afterHoursMessage']],
    ['after-hours message at the limit', valid({ afterHoursMessage: 'x'.repeat(2000) }), []],
    ['after-hours message not text', valid({ afterHoursMessage: null }), ['afterHoursMessage']],
    ['every strategy', valid({ assignmentStrategy: 'round_robin_by_contact' }), []],
    ['unknown strategy', valid({ assignmentStrategy: 'random' }), ['assignmentStrategy']],
    ['empty assigned message posts nothing', valid({ assignedMessage: '' }), []],
    ['assigned message too long', valid({ assignedMessage: 'x'.repeat(2001) }), ['assignedMessage']],
    ['reassign', valid({ unresponsiveStrategy: 'reassign', unresponsiveMessage: '' }), []],
    ['offer_choice needs its message', valid({ unresponsiveStrategy: 'offer_choice', unresponsiveMessage: ' ' }), ['unresponsiveMessage']],
    ['offer_choice with message', valid({ unresponsiveStrategy: 'offer_choice' }), []],
    ['unknown unresponsive strategy', valid({ unresponsiveStrategy: 'wait' }), ['unresponsiveStrategy']],
    ['unresponsive settings kept with strategy none', valid({ assignmentStrategy: 'none', unresponsiveStrategy: 'reassign' }), []],
    ['timeout minimum 10', valid({ unresponsiveTimeoutSeconds: 10 }), []],
    ['timeout maximum 86400', valid({ unresponsiveTimeoutSeconds: 86_400 }), []],
    ['timeout 9', valid({ unresponsiveTimeoutSeconds: 9 }), ['unresponsiveTimeoutSeconds']],
    ['timeout 86401', valid({ unresponsiveTimeoutSeconds: 86_401 }), ['unresponsiveTimeoutSeconds']],
    ['timeout fractional', valid({ unresponsiveTimeoutSeconds: 30.5 }), ['unresponsiveTimeoutSeconds']],
    ['timeout as text', valid({ unresponsiveTimeoutSeconds: '60' }), ['unresponsiveTimeoutSeconds']],
    ['timeout NaN', valid({ unresponsiveTimeoutSeconds: Number.NaN }), ['unresponsiveTimeoutSeconds']],
    ['capacity null', valid({ maxChatsPerAgent: null }), []],
    ['capacity 1', valid({ maxChatsPerAgent: 1 }), []],
    ['capacity 100', valid({ maxChatsPerAgent: 100 }), []],
    ['capacity 0', valid({ maxChatsPerAgent: 0 }), ['maxChatsPerAgent']],
    ['capacity 101', valid({ maxChatsPerAgent: 101 }), ['maxChatsPerAgent']],
    ['capacity fractional', valid({ maxChatsPerAgent: 2.5 }), ['maxChatsPerAgent']],
    ['capacity undefined', valid({ maxChatsPerAgent: undefined }), ['maxChatsPerAgent']],
    ['missing field', without('unresponsiveTimeoutSeconds'), ['unresponsiveTimeoutSeconds']],
    ['missing schedule (null is explicit)', without('schedule'), ['schedule']],
    ['unknown field', valid({ color: 'red' }), ['color']],
    ['operator object where a scalar belongs', valid({ permissionMode: { $ne: null } }), ['permissionMode']],
    ['not an object', 'collaborative', ['settings']],
    ['array', [], ['settings']],
    ['null', null, ['settings']],
    [
      'several errors at once, in field order',
      valid({ permissionMode: 'x', unresponsiveTimeoutSeconds: 1, maxChatsPerAgent: -1, extra: true }),
      ['extra', 'permissionMode', 'unresponsiveTimeoutSeconds', 'maxChatsPerAgent'],
    ],
  ];
  test.each(cases)('%s', (_label, input, fields) => {
    expect(validateTeamSettings(input).map((e) => e.field)).toEqual(fields);
  });

  test('prefix', () => {
    expect(validateTeamSettings(valid({ schedule: { ...schedule, timezone: 'x' } }), 'body').map((e) => e.field)).toEqual([
      'body.schedule.timezone',
    ]);
  });
});

describe('applyTeamSettingsPatch', () => {
  const current = defaultTeamSettings();
  const cases: [string, TeamSettings, unknown, string[] | Partial<TeamSettings>][] = [
    ['empty patch keeps everything', current, {}, {}],
    ['one field', current, { permissionMode: 'self_service' }, { permissionMode: 'self_service' }],
    ['set a schedule', current, { schedule }, { schedule }],
    ['clear the schedule', { ...current, schedule }, { schedule: null }, { schedule: null }],
    ['schedule while the stored message is empty', { ...current, afterHoursMessage: '' }, { schedule }, ['afterHoursMessage']],
    ['schedule and message together', { ...current, afterHoursMessage: '' }, { schedule, afterHoursMessage: 'Back at 9' }, { schedule, afterHoursMessage: 'Back at 9' }],
    ['offer_choice with stored empty message', { ...current, unresponsiveMessage: '' }, { unresponsiveStrategy: 'offer_choice' }, ['unresponsiveMessage']],
    ['unknown key rejected, not dropped', current, { permissionMode: 'restrictive', colour: 'red' }, ['colour']],
    ['invalid value', current, { maxChatsPerAgent: 0 }, ['maxChatsPerAgent']],
    ['not an object', current, 'x', ['settings']],
  ];
  test.each(cases)('%s', (_label, stored, patch, expected) => {
    const result = applyTeamSettingsPatch(stored, patch);
    if (Array.isArray(expected)) {
      expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(expected);
      expect(result.ok).toBe(false);
    } else {
      expect(result).toEqual({ ok: true, value: { ...stored, ...expected } });
    }
  });

  test('does not modify the stored settings', () => {
    const stored = defaultTeamSettings();
    applyTeamSettingsPatch(stored, { permissionMode: 'restrictive' });
    expect(stored.permissionMode).toBe('collaborative');
  });
});
