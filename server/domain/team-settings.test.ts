import { describe, expect, test } from 'bun:test';
import type { TeamSettings } from '../../shared/types/dto';
import { applyTeamSettingsPatch, defaultTeamSettings, teamSettingsRules } from './team-settings';

const schedule = {
  timezone: 'Europe/London',
  weekly: { mon: [{ start: '09:00', end: '17:00' }] },
  exceptions: [],
};
const valid = (over: Partial<TeamSettings> = {}): TeamSettings => ({ ...defaultTeamSettings(), ...over });
describe('defaultTeamSettings', () => {
  test('is valid', () => {
    expect(teamSettingsRules(defaultTeamSettings())).toEqual([]);
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

// Shapes, enums and ranges of each setting are the route schema's: see
// server/modules/teams/settings-shapes.test.ts. Here: the rules that need the whole object.
describe('teamSettingsRules', () => {
  const cases: [string, TeamSettings, string[]][] = [
    ['defaults', valid(), []],
    ['with a schedule', valid({ schedule }), []],
    ['schedule needs an after-hours message', valid({ schedule, afterHoursMessage: '  ' }), ['afterHoursMessage']],
    ['no schedule: empty after-hours message is fine', valid({ afterHoursMessage: '' }), []],
    ['empty assigned message posts nothing', valid({ assignedMessage: '' }), []],
    ['reassign', valid({ unresponsiveStrategy: 'reassign', unresponsiveMessage: '' }), []],
    ['offer_choice needs its message', valid({ unresponsiveStrategy: 'offer_choice', unresponsiveMessage: ' ' }), ['unresponsiveMessage']],
    ['offer_choice with message', valid({ unresponsiveStrategy: 'offer_choice' }), []],
    ['unresponsive settings kept with strategy none', valid({ assignmentStrategy: 'none', unresponsiveStrategy: 'reassign' }), []],
    ['both at once, in field order', valid({ schedule, afterHoursMessage: '', unresponsiveStrategy: 'offer_choice', unresponsiveMessage: '' }), ['afterHoursMessage', 'unresponsiveMessage']],
  ];
  test.each(cases)('%s', (_label, input, fields) => {
    expect(teamSettingsRules(input).map((e) => e.field)).toEqual(fields);
  });

  test('prefix', () => {
    expect(teamSettingsRules(valid({ schedule, afterHoursMessage: '' }), 'body').map((e) => e.field)).toEqual(['body.afterHoursMessage']);
  });
});

describe('applyTeamSettingsPatch', () => {
  const current = defaultTeamSettings();
  const cases: [string, TeamSettings, Partial<TeamSettings>, string[] | Partial<TeamSettings>][] = [
    ['empty patch keeps everything', current, {}, {}],
    ['one field', current, { permissionMode: 'self_service' }, { permissionMode: 'self_service' }],
    ['set a schedule', current, { schedule }, { schedule }],
    ['clear the schedule', { ...current, schedule }, { schedule: null }, { schedule: null }],
    ['schedule while the stored message is empty', { ...current, afterHoursMessage: '' }, { schedule }, ['afterHoursMessage']],
    ['schedule and message together', { ...current, afterHoursMessage: '' }, { schedule, afterHoursMessage: 'Back at 9' }, { schedule, afterHoursMessage: 'Back at 9' }],
    ['offer_choice with stored empty message', { ...current, unresponsiveMessage: '' }, { unresponsiveStrategy: 'offer_choice' }, ['unresponsiveMessage']],
    ['a capacity set and cleared', { ...current, maxChatsPerAgent: 3 }, { maxChatsPerAgent: null }, { maxChatsPerAgent: null }],
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
