import { describe, expect, test } from 'bun:test';
import type { Schedule } from '../../shared/types/schedule';
import {
  isAgentAvailable,
  orderCandidates,
  orderRoundRobin,
  orderRoundRobinByContact,
  orderWaitingChats,
  pickRoundRobin,
  pickRoundRobinByContact,
  renderAssignedMessage,
  renderTemplate,
  unresponsiveDueAt,
  type CandidateAgent,
  type RoutingOptions,
} from './agent-selection';

// Monday 2024-01-08 15:00 UTC = 10:00 in New York.
const NOW = new Date('2024-01-08T15:00:00Z');
const nyDayShift: Schedule = {
  timezone: 'America/New_York',
  weekly: { mon: [{ start: '09:00', end: '17:00' }] },
  exceptions: [],
};
const nyNightShift: Schedule = {
  timezone: 'America/New_York',
  weekly: { mon: [{ start: '18:00', end: '24:00' }] },
  exceptions: [],
};
const nyDayOff: Schedule = { ...nyDayShift, exceptions: [{ date: '2024-01-08', intervals: [] }] };

const t = (iso: string) => new Date(iso);
const agent = (id: string, over: Partial<CandidateAgent> = {}): CandidateAgent => ({
  id,
  active: true,
  manualStatus: 'available',
  schedule: null,
  maxConcurrentChats: null,
  openChatCount: 0,
  lastAssignedAt: null,
  lastNewContactAssignedAt: null,
  ...over,
});

describe('isAgentAvailable', () => {
  const cases: [string, Partial<CandidateAgent>, RoutingOptions, boolean][] = [
    ['active, available, no limits', {}, {}, true],
    ['deactivated', { active: false }, {}, false],
    ['away', { manualStatus: 'away' }, {}, false],
    ['inside personal schedule', { schedule: nyDayShift }, {}, true],
    ['outside personal schedule', { schedule: nyNightShift }, {}, false],
    ['personal day off (exception)', { schedule: nyDayOff }, {}, false],
    ['away even inside schedule', { schedule: nyDayShift, manualStatus: 'away' }, {}, false],
    ['under personal cap', { maxConcurrentChats: 3, openChatCount: 2 }, {}, true],
    ['at personal cap', { maxConcurrentChats: 3, openChatCount: 3 }, {}, false],
    ['over personal cap (cap lowered later)', { maxConcurrentChats: 1, openChatCount: 4 }, {}, false],
    ['no personal cap, many chats', { openChatCount: 500 }, {}, true],
    ['under team cap', { teamOpenChatCount: 1 }, { teamMaxChatsPerAgent: 2 }, true],
    ['at team cap', { teamOpenChatCount: 2 }, { teamMaxChatsPerAgent: 2 }, false],
    ['team cap falls back to the overall count', { openChatCount: 2 }, { teamMaxChatsPerAgent: 2 }, false],
    ['team cap counts this team only', { openChatCount: 9, teamOpenChatCount: 1 }, { teamMaxChatsPerAgent: 2 }, true],
    ['personal cap counts every team', { openChatCount: 3, teamOpenChatCount: 0, maxConcurrentChats: 3 }, { teamMaxChatsPerAgent: 10 }, false],
    ['team cap null', { openChatCount: 50 }, { teamMaxChatsPerAgent: null }, true],
  ];
  test.each(cases)('%s', (_label, over, opts, expected) => {
    expect(isAgentAvailable(agent('a', over), NOW, opts)).toBe(expected);
  });
});

describe('round robin order', () => {
  const cases: [string, CandidateAgent[], RoutingOptions, string[]][] = [
    ['nobody', [], {}, []],
    [
      'oldest lastAssignedAt first',
      [
        agent('a', { lastAssignedAt: t('2024-01-08T14:00:00Z') }),
        agent('b', { lastAssignedAt: t('2024-01-08T13:00:00Z') }),
        agent('c', { lastAssignedAt: t('2024-01-08T14:30:00Z') }),
      ],
      {},
      ['b', 'a', 'c'],
    ],
    [
      'never assigned counts as oldest',
      [agent('a', { lastAssignedAt: t('2020-01-01T00:00:00Z') }), agent('z')],
      {},
      ['z', 'a'],
    ],
    ['ties broken by id', [agent('c'), agent('a'), agent('b')], {}, ['a', 'b', 'c']],
    [
      'equal instants broken by id',
      [agent('b', { lastAssignedAt: t('2024-01-01T00:00:00Z') }), agent('a', { lastAssignedAt: t('2024-01-01T00:00:00Z') })],
      {},
      ['a', 'b'],
    ],
    [
      'unavailable agents are skipped',
      [
        agent('away', { manualStatus: 'away' }),
        agent('off', { schedule: nyNightShift }),
        agent('full', { maxConcurrentChats: 1, openChatCount: 1 }),
        agent('gone', { active: false }),
        agent('ok', { lastAssignedAt: t('2024-01-08T14:59:00Z') }),
      ],
      {},
      ['ok'],
    ],
    ['excluded ids are skipped', [agent('a'), agent('b'), agent('c')], { excludeIds: ['a', 'c'] }, ['b']],
    ['everyone excluded', [agent('a')], { excludeIds: ['a'] }, []],
    [
      'team cap applies to everyone',
      [agent('a', { teamOpenChatCount: 2 }), agent('b', { teamOpenChatCount: 1 })],
      { teamMaxChatsPerAgent: 2 },
      ['b'],
    ],
  ];
  test.each(cases)('%s', (_label, candidates, opts, expected) => {
    expect(orderRoundRobin(candidates, NOW, opts).map((a) => a.id)).toEqual(expected);
    expect(pickRoundRobin(candidates, NOW, opts)?.id ?? null).toBe(expected[0] ?? null);
  });

  test('does not reorder the caller array', () => {
    const list = [agent('b'), agent('a')];
    orderRoundRobin(list, NOW);
    expect(list.map((a) => a.id)).toEqual(['b', 'a']);
  });

  test('same answer whatever the input order (two instances agree)', () => {
    const list = [
      agent('d', { lastAssignedAt: t('2024-01-02T00:00:00Z') }),
      agent('b'),
      agent('c', { lastAssignedAt: t('2024-01-01T00:00:00Z') }),
      agent('a'),
    ];
    const expected = ['a', 'b', 'c', 'd'];
    expect(orderRoundRobin(list, NOW).map((a) => a.id)).toEqual(expected);
    expect(orderRoundRobin([...list].reverse(), NOW).map((a) => a.id)).toEqual(expected);
  });
});

describe('round robin by contact', () => {
  const pool = [
    agent('ann', { lastAssignedAt: t('2024-01-08T10:00:00Z'), lastNewContactAssignedAt: t('2024-01-05T00:00:00Z') }),
    agent('bob', { lastAssignedAt: t('2024-01-08T09:00:00Z'), lastNewContactAssignedAt: t('2024-01-07T00:00:00Z') }),
    agent('cat', { lastAssignedAt: t('2024-01-08T11:00:00Z'), lastNewContactAssignedAt: t('2024-01-06T00:00:00Z') }),
  ];
  const cases: [string, CandidateAgent[], string | null, RoutingOptions, [string, boolean][]][] = [
    ['new contact: oldest lastNewContactAssignedAt', pool, null, {}, [['ann', true], ['cat', true], ['bob', true]]],
    ['returning contact: last agent first', pool, 'bob', {}, [['bob', false], ['ann', true], ['cat', true]]],
    [
      'last agent unavailable: falls back',
      [...pool.filter((a) => a.id !== 'bob'), agent('bob', { manualStatus: 'away' })],
      'bob',
      {},
      [['ann', true], ['cat', true]],
    ],
    ['last agent excluded (unresponsive reassign)', pool, 'bob', { excludeIds: ['bob'] }, [['ann', true], ['cat', true]]],
    ['last agent no longer a candidate (left the team)', pool, 'dan', {}, [['ann', true], ['cat', true], ['bob', true]]],
    [
      'never given a new contact goes first, ties by lastAssignedAt then id',
      [
        agent('x', { lastAssignedAt: t('2024-01-08T12:00:00Z') }),
        agent('w', { lastAssignedAt: t('2024-01-08T11:00:00Z') }),
        agent('v', { lastAssignedAt: t('2024-01-08T11:00:00Z') }),
        agent('u', { lastNewContactAssignedAt: t('2023-01-01T00:00:00Z') }),
      ],
      null,
      {},
      [['v', true], ['w', true], ['x', true], ['u', true]],
    ],
    ['nobody available', [agent('a', { active: false })], 'a', {}, []],
  ];
  test.each(cases)('%s', (_label, candidates, lastAgentId, opts, expected) => {
    const order = orderRoundRobinByContact(candidates, NOW, lastAgentId, opts);
    expect(order.map((c) => [c.agent.id, c.newContact])).toEqual(expected);
    const pick = pickRoundRobinByContact(candidates, NOW, lastAgentId, opts);
    expect(pick ? [pick.agent.id, pick.newContact] : null).toEqual(expected[0] ?? null);
  });
});

describe('orderCandidates by strategy', () => {
  const pool = [
    agent('ann', { lastAssignedAt: t('2024-01-08T10:00:00Z'), lastNewContactAssignedAt: t('2024-01-01T00:00:00Z') }),
    agent('bob', { lastAssignedAt: t('2024-01-08T09:00:00Z'), lastNewContactAssignedAt: t('2024-01-07T00:00:00Z') }),
  ];
  const cases: [string, Parameters<typeof orderCandidates>[0], string | null, [string, boolean][]][] = [
    ['none: nobody, chats wait for a claim', 'none', null, []],
    ['round robin', 'round_robin', null, [['bob', true], ['ann', true]]],
    ['round robin marks the returning agent', 'round_robin', 'bob', [['bob', false], ['ann', true]]],
    ['round robin ignores contact affinity for order', 'round_robin', 'ann', [['bob', true], ['ann', false]]],
    ['by contact: new contact', 'round_robin_by_contact', null, [['ann', true], ['bob', true]]],
    ['by contact: returning', 'round_robin_by_contact', 'bob', [['bob', false], ['ann', true]]],
  ];
  test.each(cases)('%s', (_label, strategy, lastAgentId, expected) => {
    expect(orderCandidates(strategy, pool, NOW, { lastAgentId }).map((c) => [c.agent.id, c.newContact])).toEqual(expected);
  });
});

describe('renderAssignedMessage', () => {
  const cases: [string, string, string, string][] = [
    ['replaces {agent}', "You're now chatting with {agent}.", 'Ada', "You're now chatting with Ada."],
    ['every occurrence', '{agent} here. Ask {agent} anything.', 'Ada', 'Ada here. Ask Ada anything.'],
    ['unknown placeholders stay', 'Hi {name}, {agent} will help', 'Ada', 'Hi {name}, Ada will help'],
    ['no placeholder', 'Connected.', 'Ada', 'Connected.'],
    ['empty template', '', 'Ada', ''],
    ['case matters', '{Agent}', 'Ada', '{Agent}'],
    ['spaces are not a placeholder', '{ agent }', 'Ada', '{ agent }'],
    ['unbalanced braces', '{agent', 'Ada', '{agent'],
    ['doubled braces keep the outer pair', '{{agent}}', 'Ada', '{Ada}'],
    ['name with $ patterns inserted literally', '{agent}', "$& $1 $$ $'", "$& $1 $$ $'"],
    ['name that looks like a placeholder is not re-expanded', '{agent} {agent}', '{agent}', '{agent} {agent}'],
    ['prototype names are not variables', '{constructor} {toString}', 'Ada', '{constructor} {toString}'],
  ];
  test.each(cases)('%s', (_label, template, name, expected) => {
    expect(renderAssignedMessage(template, { agent: name })).toBe(expected);
  });

  test('renderTemplate with several variables', () => {
    expect(renderTemplate('{agent} / {team}', { agent: 'Ada', team: 'Sales' })).toBe('Ada / Sales');
  });
});

describe('unresponsiveDueAt', () => {
  const cases: [string, string, number, string][] = [
    ['minimum timeout', '2024-01-08T15:00:00.000Z', 10, '2024-01-08T15:00:10.000Z'],
    ['five minutes', '2024-01-08T15:00:00.000Z', 300, '2024-01-08T15:05:00.000Z'],
    ['a day, across a DST change (instants, not wall time)', '2024-03-09T12:00:00.000Z', 86_400, '2024-03-10T12:00:00.000Z'],
    ['keeps milliseconds', '2024-01-08T15:00:00.250Z', 1, '2024-01-08T15:00:01.250Z'],
    ['zero', '2024-01-08T15:00:00.000Z', 0, '2024-01-08T15:00:00.000Z'],
  ];
  test.each(cases)('%s', (_label, assignedAt, seconds, expected) => {
    expect(unresponsiveDueAt(t(assignedAt), seconds).toISOString()).toBe(expected);
  });

  const bad: [number][] = [[-1], [Number.NaN], [Number.POSITIVE_INFINITY]];
  test.each(bad)('rejects %p', (seconds) => {
    expect(() => unresponsiveDueAt(NOW, seconds)).toThrow(RangeError);
  });
});

describe('orderWaitingChats', () => {
  const chat = (id: string, createdAt: string) => ({ id, createdAt: t(createdAt) });
  const cases: [string, { id: string; createdAt: Date }[], string[]][] = [
    ['none', [], []],
    ['longest waiting first', [chat('b', '2024-01-08T10:05:00Z'), chat('a', '2024-01-08T10:00:00Z'), chat('c', '2024-01-08T10:10:00Z')], ['a', 'b', 'c']],
    ['same instant: by id', [chat('y', '2024-01-08T10:00:00Z'), chat('x', '2024-01-08T10:00:00Z')], ['x', 'y']],
  ];
  test.each(cases)('%s', (_label, chats, expected) => {
    const before = chats.map((c) => c.id);
    expect(orderWaitingChats(chats).map((c) => c.id)).toEqual(expected);
    expect(chats.map((c) => c.id)).toEqual(before);
  });
});
