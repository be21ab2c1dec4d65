import { describe, expect, test } from 'bun:test';
import { PERMISSION_MODES, ROLES, type PermissionMode, type Role } from '../../shared/types/enums';
import {
  CHAT_ACTIONS,
  canAssignTo,
  canAutomationAssign,
  canAutomationEnd,
  canGrantRole,
  canManageMember,
  canManageOrg,
  canOnChat,
  canSeeQueue,
  canSeeTeam,
  chatCapabilities,
  isTeamManager,
  isTeamMember,
  teamChatScope,
  type Actor,
  type AssignTarget,
  type ChatFacts,
  type TeamFacts,
} from './permissions';

const T = 'team-1';
const OTHER_TEAM = 'team-2';
const team = (permissionMode: PermissionMode): TeamFacts => ({ id: T, permissionMode });
const actor = (role: Role, over: Partial<Actor> = {}): Actor => ({
  userId: 'me',
  role,
  teamIds: [T],
  active: true,
  ...over,
});

const CHATS = {
  unassigned: { teamId: T, status: 'unassigned', assigneeId: null },
  // Inconsistent stored data: status wins, so a stray assigneeId grants nothing.
  unassignedStray: { teamId: T, status: 'unassigned', assigneeId: 'me' },
  mine: { teamId: T, status: 'assigned', assigneeId: 'me' },
  others: { teamId: T, status: 'assigned', assigneeId: 'bob' },
  endedMine: { teamId: T, status: 'ended', assigneeId: 'me' },
  endedOthers: { teamId: T, status: 'ended', assigneeId: 'bob' },
  endedNobody: { teamId: T, status: 'ended', assigneeId: null },
} satisfies Record<string, ChatFacts>;
type ChatName = keyof typeof CHATS;

// Expected capabilities, one digit per action in CHAT_ACTIONS order:
//                                        view claim assign write end upload view_history
const NONE = '0000000';
const EXPECTED: Record<string, Record<ChatName, string>> = {
  // Supervisor in their team, admin/owner anywhere: everything the chat's status allows.
  manager: {
    unassigned: '1110101',
    unassignedStray: '1110101',
    mine: '1011111',
    others: '1011111',
    endedMine: '1000001',
    endedOthers: '1000001',
    endedNobody: '1000001',
  },
  collaborative: {
    unassigned: '1110101',
    unassignedStray: '1110101',
    mine: '1011111',
    others: '1011111',
    endedMine: '1000001',
    endedOthers: '1000001',
    endedNobody: '1000001',
  },
  self_service: {
    unassigned: '1100000',
    unassignedStray: '1100000',
    mine: '1001111',
    others: NONE,
    endedMine: '1000001',
    endedOthers: NONE,
    endedNobody: NONE,
  },
  restrictive: {
    unassigned: NONE,
    unassignedStray: NONE,
    mine: '1001111',
    others: NONE,
    endedMine: '1000001',
    endedOthers: NONE,
    endedNobody: NONE,
  },
  // Not in the team (agent, or supervisor outside their teams): only their own chat.
  outsider: {
    unassigned: NONE,
    unassignedStray: NONE,
    mine: '1001111',
    others: NONE,
    endedMine: '1000001',
    endedOthers: NONE,
    endedNobody: NONE,
  },
};

function expectedClass(role: Role, member: boolean, active: boolean, mode: PermissionMode): string | null {
  if (!active) return null;
  if (role === 'owner' || role === 'admin') return 'manager';
  if (!member) return 'outsider';
  return role === 'supervisor' ? 'manager' : mode;
}

const digits = (caps: Record<string, boolean>) => CHAT_ACTIONS.map((a) => (caps[a] ? '1' : '0')).join('');

describe('canOnChat: every role × membership × active × mode × chat', () => {
  const rows: [Role, boolean, boolean, PermissionMode, ChatName, string][] = [];
  for (const role of ROLES)
    for (const member of [true, false])
      for (const active of [true, false])
        for (const mode of PERMISSION_MODES)
          for (const chat of Object.keys(CHATS) as ChatName[]) {
            const cls = expectedClass(role, member, active, mode);
            rows.push([role, member, active, mode, chat, cls === null ? NONE : (EXPECTED[cls]?.[chat] ?? 'missing')]);
          }
  test.each(rows)('%s member=%p active=%p %s %s → %s', (role, member, active, mode, chat, expected) => {
    const who = actor(role, { teamIds: member ? [T] : [OTHER_TEAM], active });
    expect(digits(chatCapabilities(who, CHATS[chat], team(mode)))).toBe(expected);
  });
});

describe('the DESIGN §4 table, row by row', () => {
  // Columns: collaborative agent, self-service agent, restrictive agent, supervisor (in team),
  // admin (not in team), owner (not in team) — each supervisor/admin column in every mode.
  const columns: [string, Actor, PermissionMode[]][] = [
    ['collaborative agent', actor('agent'), ['collaborative']],
    ['self service agent', actor('agent'), ['self_service']],
    ['restrictive agent', actor('agent'), ['restrictive']],
    ['supervisor', actor('supervisor'), [...PERMISSION_MODES]],
    ['admin', actor('admin', { teamIds: [] }), [...PERMISSION_MODES]],
    ['owner', actor('owner', { teamIds: [] }), [...PERMISSION_MODES]],
  ];
  const rows: [string, (a: Actor, t: TeamFacts) => boolean, boolean[]][] = [
    ["see the team's unassigned queue", (a, t) => canSeeQueue(a, t) && canOnChat(a, 'view', CHATS.unassigned, t), [true, true, false, true, true, true]],
    ['see chats assigned to other agents', (a, t) => canOnChat(a, 'view', CHATS.others, t), [true, false, false, true, true, true]],
    ['claim an unassigned chat', (a, t) => canOnChat(a, 'claim', CHATS.unassigned, t), [true, true, false, true, true, true]],
    [
      'assign / reassign to an agent or team',
      (a, t) =>
        canAssignTo(a, CHATS.unassigned, t, { kind: 'agent', agentTeamIds: [T], agentActive: true }) &&
        canAssignTo(a, CHATS.others, t, { kind: 'agent', agentTeamIds: [T], agentActive: true }) &&
        canAssignTo(a, CHATS.others, t, { kind: 'team', teamId: OTHER_TEAM }),
      [true, false, false, true, true, true],
    ],
    ['write in a chat assigned to someone else', (a, t) => canOnChat(a, 'write', CHATS.others, t), [true, false, false, true, true, true]],
    ['write in own assigned chat, end it', (a, t) => canOnChat(a, 'write', CHATS.mine, t) && canOnChat(a, 'end', CHATS.mine, t), [true, true, true, true, true, true]],
    ['nobody writes in an unassigned chat', (a, t) => canOnChat(a, 'write', CHATS.unassigned, t), [false, false, false, false, false, false]],
  ];
  const cases: [string, string, Actor, PermissionMode, (a: Actor, t: TeamFacts) => boolean, boolean][] = [];
  for (const [rowName, check, expected] of rows)
    columns.forEach(([columnName, who, modes], i) => {
      for (const mode of modes) cases.push([rowName, `${columnName} (${mode})`, who, mode, check, expected[i] ?? false]);
    });
  test.each(cases)('%s — %s', (_row, _column, who, mode, check, expected) => {
    expect(check(who, team(mode))).toBe(expected);
  });
});

describe('canSeeQueue', () => {
  const cases: [string, Actor, PermissionMode, boolean][] = [
    ['agent, collaborative', actor('agent'), 'collaborative', true],
    ['agent, self service', actor('agent'), 'self_service', true],
    ['agent, restrictive', actor('agent'), 'restrictive', false],
    ['agent of another team', actor('agent', { teamIds: [OTHER_TEAM] }), 'collaborative', false],
    ['supervisor, restrictive', actor('supervisor'), 'restrictive', true],
    ['supervisor of another team acts as nobody here', actor('supervisor', { teamIds: [OTHER_TEAM] }), 'collaborative', false],
    ['admin outside the team', actor('admin', { teamIds: [] }), 'restrictive', true],
    ['owner outside the team', actor('owner', { teamIds: [] }), 'restrictive', true],
    ['deactivated admin', actor('admin', { active: false }), 'collaborative', false],
    ['deactivated agent', actor('agent', { active: false }), 'collaborative', false],
  ];
  test.each(cases)('%s', (_label, who, mode, expected) => {
    expect(canSeeQueue(who, team(mode))).toBe(expected);
  });
});

describe('role scope helpers', () => {
  const cases: [string, Actor, { manager: boolean; member: boolean; seeTeam: boolean; org: boolean }][] = [
    ['owner', actor('owner', { teamIds: [] }), { manager: true, member: false, seeTeam: true, org: true }],
    ['admin', actor('admin', { teamIds: [] }), { manager: true, member: false, seeTeam: true, org: true }],
    ['admin in team', actor('admin'), { manager: true, member: true, seeTeam: true, org: true }],
    ['supervisor in team', actor('supervisor'), { manager: true, member: true, seeTeam: true, org: false }],
    ['supervisor elsewhere', actor('supervisor', { teamIds: [OTHER_TEAM] }), { manager: false, member: false, seeTeam: false, org: false }],
    ['agent in team', actor('agent'), { manager: false, member: true, seeTeam: true, org: false }],
    ['agent elsewhere', actor('agent', { teamIds: [OTHER_TEAM] }), { manager: false, member: false, seeTeam: false, org: false }],
    ['deactivated owner', actor('owner', { active: false }), { manager: false, member: false, seeTeam: false, org: false }],
    ['deactivated supervisor', actor('supervisor', { active: false }), { manager: false, member: false, seeTeam: false, org: false }],
  ];
  test.each(cases)('%s', (_label, who, expected) => {
    expect({
      manager: isTeamManager(who, T),
      member: isTeamMember(who, T),
      seeTeam: canSeeTeam(who, T),
      org: canManageOrg(who),
    }).toEqual(expected);
  });
});

describe('teamChatScope agrees with canOnChat(view) for every chat', () => {
  const rows: [Role, boolean, PermissionMode][] = [];
  for (const role of ROLES) for (const member of [true, false]) for (const mode of PERMISSION_MODES) rows.push([role, member, mode]);
  test.each(rows)('%s member=%p %s', (role, member, mode) => {
    const who = actor(role, { teamIds: member ? [T] : [] });
    const scope = teamChatScope(who, team(mode));
    for (const chat of Object.values(CHATS)) {
      const own = chat.status !== 'unassigned' && chat.assigneeId === who.userId;
      const listed = own || (chat.status === 'unassigned' ? scope.unassigned : scope.others);
      expect(listed).toBe(canOnChat(who, 'view', chat, team(mode)));
    }
  });
});

describe('no action without view (the console never shows a control on a hidden chat)', () => {
  test('holds across every combination', () => {
    let checked = 0;
    for (const role of ROLES)
      for (const member of [true, false])
        for (const mode of PERMISSION_MODES)
          for (const chat of Object.values(CHATS)) {
            const caps = chatCapabilities(actor(role, { teamIds: member ? [T] : [] }), chat, team(mode));
            if (!caps.view) expect(digits(caps)).toBe(NONE);
            checked++;
          }
    expect(checked).toBe(4 * 2 * 3 * 7);
  });
});

describe('canAssignTo targets', () => {
  const agentIn = (teamIds: string[], agentActive = true): AssignTarget => ({ kind: 'agent', agentTeamIds: teamIds, agentActive });
  const cases: [string, Actor, PermissionMode, ChatName, AssignTarget, boolean][] = [
    ['supervisor → active member', actor('supervisor'), 'restrictive', 'others', agentIn([T]), true],
    ['supervisor → member of several teams', actor('supervisor'), 'restrictive', 'others', agentIn([OTHER_TEAM, T]), true],
    ['supervisor → deactivated member', actor('supervisor'), 'restrictive', 'others', agentIn([T], false), false],
    ['supervisor → agent of another team only', actor('supervisor'), 'restrictive', 'others', agentIn([OTHER_TEAM]), false],
    ['supervisor → another team', actor('supervisor'), 'restrictive', 'others', { kind: 'team', teamId: OTHER_TEAM }, true],
    ['supervisor → same team (no-op, the service decides)', actor('supervisor'), 'restrictive', 'others', { kind: 'team', teamId: T }, true],
    ['supervisor → unassigned chat to agent', actor('supervisor'), 'self_service', 'unassigned', agentIn([T]), true],
    ['supervisor → ended chat', actor('supervisor'), 'collaborative', 'endedOthers', agentIn([T]), false],
    ['supervisor → ended chat to team', actor('supervisor'), 'collaborative', 'endedOthers', { kind: 'team', teamId: OTHER_TEAM }, false],
    ['admin outside team → member', actor('admin', { teamIds: [] }), 'restrictive', 'others', agentIn([T]), true],
    ['collaborative agent → colleague', actor('agent'), 'collaborative', 'others', agentIn([T]), true],
    ['collaborative agent takes over (self)', actor('agent'), 'collaborative', 'others', agentIn([T]), true],
    ['collaborative agent → team they are not in', actor('agent'), 'collaborative', 'mine', { kind: 'team', teamId: OTHER_TEAM }, true],
    ['collaborative agent → non-member', actor('agent'), 'collaborative', 'mine', agentIn([OTHER_TEAM]), false],
    ['self service agent reassigns own chat', actor('agent'), 'self_service', 'mine', agentIn([T]), false],
    ['self service agent → team', actor('agent'), 'self_service', 'mine', { kind: 'team', teamId: OTHER_TEAM }, false],
    ['restrictive agent reassigns own chat', actor('agent'), 'restrictive', 'mine', agentIn([T]), false],
    ['collaborative agent of another team', actor('agent', { teamIds: [OTHER_TEAM] }), 'collaborative', 'others', agentIn([T]), false],
    ['deactivated supervisor', actor('supervisor', { active: false }), 'collaborative', 'others', agentIn([T]), false],
  ];
  test.each(cases)('%s', (_label, who, mode, chat, target, expected) => {
    expect(canAssignTo(who, CHATS[chat], team(mode), target)).toBe(expected);
  });
});

describe('automation (handoff API, routing) assigns in every mode', () => {
  const cases: [string, ChatName, AssignTarget | undefined, boolean][] = [
    ['unassigned, no target check', 'unassigned', undefined, true],
    ['unassigned → member', 'unassigned', { kind: 'agent', agentTeamIds: [T], agentActive: true }, true],
    ['assigned → member', 'others', { kind: 'agent', agentTeamIds: [T], agentActive: true }, true],
    ['assigned → team', 'others', { kind: 'team', teamId: OTHER_TEAM }, true],
    ['→ non-member', 'unassigned', { kind: 'agent', agentTeamIds: [OTHER_TEAM], agentActive: true }, false],
    ['→ deactivated member', 'unassigned', { kind: 'agent', agentTeamIds: [T], agentActive: false }, false],
    ['ended chat', 'endedOthers', undefined, false],
    ['ended chat → team', 'endedNobody', { kind: 'team', teamId: OTHER_TEAM }, false],
  ];
  test.each(cases)('%s', (_label, chat, target, expected) => {
    expect(canAutomationAssign(CHATS[chat], target)).toBe(expected);
  });

  const ends: [ChatName, boolean][] = [
    ['unassigned', true],
    ['others', true],
    ['endedOthers', false],
    ['endedNobody', false],
  ];
  test.each(ends)('end %s → %p', (chat, expected) => {
    expect(canAutomationEnd(CHATS[chat])).toBe(expected);
  });
});

describe('a chat checked against the wrong team is a bug', () => {
  test('throws instead of applying the other team mode', () => {
    const chat: ChatFacts = { teamId: OTHER_TEAM, status: 'assigned', assigneeId: 'bob' };
    expect(() => canOnChat(actor('agent'), 'view', chat, team('collaborative'))).toThrow();
  });
});

describe('canGrantRole', () => {
  const cases: [Role, boolean, Role, boolean][] = [];
  for (const by of ROLES)
    for (const active of [true, false])
      for (const role of ROLES) {
        const expected = active && (by === 'owner' || (by === 'admin' && role !== 'owner'));
        cases.push([by, active, role, expected]);
      }
  test.each(cases)('%s active=%p grants %s → %p', (by, active, role, expected) => {
    expect(canGrantRole(actor(by, { active }), role)).toBe(expected);
  });
});

describe('canManageMember', () => {
  const cases: [string, Actor, { userId: string; role: Role }, Role | undefined, boolean][] = [
    ['owner demotes another owner', actor('owner'), { userId: 'x', role: 'owner' }, 'admin', true],
    ['owner promotes agent to owner', actor('owner'), { userId: 'x', role: 'agent' }, 'owner', true],
    ['owner changes own role', actor('owner'), { userId: 'me', role: 'owner' }, 'agent', false],
    ['owner deactivates self', actor('owner'), { userId: 'me', role: 'owner' }, undefined, false],
    ['admin edits agent teams', actor('admin'), { userId: 'x', role: 'agent' }, undefined, true],
    ['admin promotes agent to admin', actor('admin'), { userId: 'x', role: 'agent' }, 'admin', true],
    ['admin promotes agent to owner', actor('admin'), { userId: 'x', role: 'agent' }, 'owner', false],
    ['admin edits an owner', actor('admin'), { userId: 'x', role: 'owner' }, undefined, false],
    ['admin demotes another admin', actor('admin'), { userId: 'x', role: 'admin' }, 'agent', true],
    ['supervisor edits an agent', actor('supervisor'), { userId: 'x', role: 'agent' }, undefined, false],
    ['agent edits an agent', actor('agent'), { userId: 'x', role: 'agent' }, undefined, false],
    ['deactivated owner', actor('owner', { active: false }), { userId: 'x', role: 'agent' }, undefined, false],
  ];
  test.each(cases)('%s', (_label, who, target, newRole, expected) => {
    expect(canManageMember(who, target, newRole)).toBe(expected);
  });
});
