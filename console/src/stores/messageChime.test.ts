import { expect, test } from 'bun:test';
import { shouldChimeForMessage, type ChimeFacts } from './messageChime';

const ME = 'me';
const base: ChimeFacts = {
  message: { seq: 5, author: { kind: 'contact', id: 'c1', name: null } },
  chat: { status: 'assigned', assigneeId: ME },
  myId: ME,
  alreadyHeld: false,
  open: false,
  tabVisible: true,
  sound: true,
  ringing: false,
};

const cases: [string, Partial<ChimeFacts>, boolean][] = [
  ['a visitor writes in my chat, another chat is open', {}, true],
  ['a visitor writes in my open chat while the tab is hidden', { open: true, tabVisible: false }, true],
  ['a visitor writes in my open chat, tab visible', { open: true }, false],
  ['sound is off in Profile', { sound: false }, false],
  ['my own message', { message: { seq: 5, author: { kind: 'agent', id: ME, name: 'Me' } } }, false],
  ['another agent writes in my chat', { message: { seq: 5, author: { kind: 'agent', id: 'x', name: 'X' } } }, false],
  ['a bot / system message', { message: { seq: 5, author: { kind: 'system', id: null, name: null } } }, false],
  ['a chat assigned to someone else', { chat: { status: 'assigned', assigneeId: 'other' } }, false],
  ['an unassigned chat', { chat: { status: 'unassigned', assigneeId: null } }, false],
  ['an ended chat of mine', { chat: { status: 'ended', assigneeId: ME } }, false],
  ['a chat the store does not hold', { chat: null }, false],
  ['a replayed message already held', { alreadyHeld: true }, false],
  ['the chat already rings as newly assigned', { ringing: true }, false],
  ['signed out (no id)', { myId: null }, false],
];

for (const [name, over, expected] of cases) {
  test(`${name} → ${expected ? 'chime' : 'silent'}`, () => {
    expect(shouldChimeForMessage({ ...base, ...over })).toBe(expected);
  });
}
