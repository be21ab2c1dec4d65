// Issue 17.9: a chat claimed from the Unassigned view stayed on screen but vanished from the list
// while open. It now keeps its place (marked as yours by its assignee pill) until the agent
// navigates away.
import { beforeEach, describe, expect, test } from 'bun:test';
import { createApp } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { fakeChat } from '../../test/fixtures';
import { staysInList } from './chatLogic';
import { useChatsStore } from './chats';

describe('staysInList', () => {
  const c = fakeChat({ id: 'c1' });
  const cases: [string, string[], boolean, string | null, boolean][] = [
    ['matches the view', [], true, null, true],
    ['no longer matches, not open', ['c1'], false, null, false],
    ['no longer matches, open, in the list', ['c1'], false, 'c1', true],
    ['no longer matches, open, never in this list', ['c2'], false, 'c1', false],
    ['no longer matches, another chat open', ['c1'], false, 'c2', false],
  ];
  for (const [what, ids, matches, open, stays] of cases) test(what, () => expect(staysInList(ids, c, matches, open)).toBe(stays));
});

describe('the chats store', () => {
  beforeEach(() => {
    const pinia = createPinia();
    createApp({}).use(pinia);
    setActivePinia(pinia);
  });

  test('a claimed chat stays in Unassigned while open and leaves when another is opened', () => {
    const chats = useChatsStore();
    // Unassigned is a queue: the one waiting longest (a) on top.
    const a = fakeChat({ id: 'a', status: 'unassigned', createdAt: '2026-01-01T09:00:00.000Z' });
    const b = fakeChat({ id: 'b', status: 'unassigned', createdAt: '2026-01-01T10:00:00.000Z' });
    const unassigned = chats.list({ view: 'unassigned', status: 'open' });
    unassigned.loaded = true;
    chats.upsertChat(a);
    chats.upsertChat(b);
    expect(unassigned.ids).toEqual(['a', 'b']);

    chats.setActive('a');
    chats.upsertChat({ ...a, status: 'assigned', assigneeId: 'me', assigneeName: 'Me' });
    expect(unassigned.ids).toEqual(['a', 'b']);
    expect(chats.byId.a!.assigneeName).toBe('Me');

    chats.setActive('b');
    expect(unassigned.ids).toEqual(['b']);
    // The open chat, claimed by someone else, also stays until the agent moves on.
    chats.upsertChat({ ...b, status: 'assigned', assigneeId: 'other' });
    expect(unassigned.ids).toEqual(['b']);
    chats.setActive(null);
    expect(unassigned.ids).toEqual([]);
  });
});
