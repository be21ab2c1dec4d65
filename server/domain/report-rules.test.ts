import { expect, test } from 'bun:test';
import type { EventActorKind } from '../../shared/types/enums';
import { reportTeamIds, unansweredKind } from './report-rules';
import { setupChecklist } from './setup-checklist';

const T = new Date('2025-03-10T10:00:00Z');
// [endedAt, firstResponseAt, endedBy, kind, why]
const cases: [Date | null, Date | null, EventActorKind | null, 'missed' | 'abandoned' | null, string][] = [
  [null, null, null, null, 'still open, unanswered: can still be answered'],
  [null, T, null, null, 'open and answered'],
  [T, T, 'contact', null, 'answered, then the visitor left'],
  [T, T, 'agent', null, 'answered and closed'],
  [T, null, 'contact', 'abandoned', 'the visitor left before any answer'],
  [T, null, 'agent', 'missed', 'an agent closed it without answering'],
  [T, null, 'automation', 'missed', 'the bot platform took it back unanswered'],
  [T, null, 'system', 'missed', 'the system ended it unanswered'],
  [T, null, null, 'missed', 'ended with no ended event on record'],
];
for (const [endedAt, firstResponseAt, endedBy, kind, why] of cases) {
  test(`unansweredKind: ${why}`, () => expect(unansweredKind({ endedAt, firstResponseAt, endedBy })).toBe(kind));
}

const actor = (role: 'owner' | 'admin' | 'supervisor' | 'agent', teamIds: string[], active = true) => ({ userId: 'u', role, teamIds, active });
// [actor, visible teams, report teams, why]
const access: [ReturnType<typeof actor>, string[], string[], string][] = [
  [actor('owner', []), ['a', 'b'], ['a', 'b'], 'owner: every team'],
  [actor('admin', ['a']), ['a', 'b'], ['a', 'b'], 'admin: every team'],
  [actor('supervisor', ['a']), ['a', 'b'], ['a'], 'supervisor: the teams they belong to'],
  [actor('supervisor', []), ['a', 'b'], [], 'supervisor of no team: nothing'],
  [actor('agent', ['a', 'b']), ['a', 'b'], [], 'agent: no reports'],
  [actor('admin', [], false), ['a'], [], 'deactivated: nothing'],
];
for (const [who, teams, expected, why] of access) {
  test(`reportTeamIds: ${why}`, () => expect(reportTeamIds(who, teams)).toEqual(expected));
}

test('setupChecklist ticks each step from its own facts', () => {
  const none = { widgetSessions: 0, otherMembers: 0, invitations: 0, teamsWithHours: 0 };
  expect(setupChecklist(none).map((s) => s.done)).toEqual([false, false, false]);
  expect(setupChecklist({ ...none, widgetSessions: 1 }).map((s) => s.done)).toEqual([true, false, false]);
  expect(setupChecklist({ ...none, invitations: 1 }).map((s) => s.done)).toEqual([false, true, false]);
  expect(setupChecklist({ ...none, otherMembers: 2 }).map((s) => s.done)).toEqual([false, true, false]);
  expect(setupChecklist({ ...none, teamsWithHours: 1 }).map((s) => s.done)).toEqual([false, false, true]);
});
