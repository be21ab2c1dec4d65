// Every way a session ends leaves every store as a fresh tab would have it: nothing of the last
// user in memory, their read marks under their own key only, the socket closed.
import '../../test/browser-globals';
import { afterEach, beforeEach, describe, expect, mock, test } from 'bun:test';
import { createPinia, defineStore, setActivePinia, type Pinia } from 'pinia';
import { createApp, reactive, ref } from 'vue';
import type { Router } from 'vue-router';
import { CLOSE_CODES } from '../../../shared/protocol/messages';
import { installFakeFetch, restoreFetch, type FakeAnswer, type FakeRoutes } from '../../test/fake-fetch';
import { useDashboardStore } from '../features/dashboard/store';
import { useIntegrationsStore } from '../features/integrations/store';
import { usePresenceStore } from './presence';
import { startRealtime, stopRealtime } from '../realtime';
import { useChatsStore } from './chats';
import { useContactsStore } from './contacts';
import { clonePlain, endSession, endSessionOnUnauthenticated, resetAllStores, storeReset } from './lifecycle';
import { useMembersStore } from './members';
import { useSessionStore } from './session';
import { useTeamsStore } from './teams';
import { fakeChat, fakeContact, fakeMember, fakeMessage, fakeOrg, fakeTeam } from '../../test/fixtures';

// ---- browser stand-ins: storage, fetch, WebSocket

class MemoryStorage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  key = (i: number) => [...this.m.keys()][i] ?? null;
  getItem = (k: string) => this.m.get(k) ?? null;
  setItem = (k: string, v: string) => void this.m.set(k, String(v));
  removeItem = (k: string) => void this.m.delete(k);
  clear = () => this.m.clear();
  keys = () => [...this.m.keys()];
}

let routes: FakeRoutes = {};

class FakeSocket {
  static last: FakeSocket | null = null;
  readyState = 0;
  sent: string[] = [];
  closedWith: number | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  frame(f: unknown) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  serverClose(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function fakeRouter() {
  const pushed: unknown[] = [];
  const router = {
    currentRoute: { value: { fullPath: '/chats/mine/chatA1', meta: {} } },
    push: (to: unknown) => {
      pushed.push(to);
      return Promise.resolve();
    },
  } as unknown as Router;
  return { router, pushed };
}

// ---- the data of user A

const member = (id: string, name: string) => fakeMember({ id, name, teamIds: ['teamA'] });
const org = (id: string) => fakeOrg({ id });
const sessionOf = (userId: string, name: string) => ({ user: member(userId, name), org: org(`org-${userId}`) });

const chatA = fakeChat({
  id: 'chatA1',
  contactId: 'contactA1',
  contact: { id: 'contactA1', name: 'Alma Private', username: null, email: null },
  teamId: 'teamA',
  assigneeId: 'userA',
  assigneeName: 'Ada',
  status: 'assigned',
  lastSeq: 2,
});
const messageA = (seq: number) =>
  fakeMessage(seq, {
    id: `msgA${seq}`,
    chatId: 'chatA1',
    author: { kind: 'contact', id: 'contactA1', name: 'Alma Private' },
    text: `secret of A #${seq}`,
    createdAt: '2025-01-01T10:00:00.000Z',
  });
const contactA = fakeContact({ id: 'contactA1', name: 'Alma Private', email: 'alma@private.test', tags: ['vip'] });

/** A store defined after the lifecycle was written: the plugin covers it with no list to update. */
const useLateStore = defineStore('late-feature', () => {
  const notes = reactive<Record<string, string>>({});
  const pinned = ref<string[]>([]);
  const list = reactive<string[]>([]);
  return { notes, pinned, list };
});

function allStores() {
  return {
    session: useSessionStore(),
    chats: useChatsStore(),
    contacts: useContactsStore(),
    members: useMembersStore(),
    teams: useTeamsStore(),
    dashboard: useDashboardStore(),
    integrations: useIntegrationsStore(),
    presence: usePresenceStore(),
    late: useLateStore(),
  };
}

function newPinia(): Pinia {
  const pinia = createPinia();
  pinia.use(storeReset);
  // Plugins apply once Pinia is installed in an app, as in main.ts.
  createApp({}).use(pinia);
  setActivePinia(pinia);
  return pinia;
}

/** What every store holds in a tab nobody has signed in to. */
function pristine(): Record<string, Record<string, unknown>> {
  const current = newPinia();
  allStores();
  return clonePlain(current.state.value) as Record<string, Record<string, unknown>>;
}

/** Signs in as A through the real login action and loads A's chats, messages, contacts, etc. */
async function signInAsAWithData() {
  routes = {
    'POST /api/auth/login': () => ({ status: 200, body: sessionOf('userA', 'Ada') }),
    'GET /api/contacts': () => ({ status: 200, body: { items: [contactA], next: null } }),
    'GET /api/teams': () => ({ status: 200, body: { items: [fakeTeam({ id: 'teamA', name: 'Team of A', memberIds: ['userA'] })] } }),
    'GET /api/members': () => ({ status: 200, body: { items: [member('userA', 'Ada')] } }),
  };
  const s = allStores();
  await s.session.login('ada@example.test', 'pw');
  await Promise.all([s.contacts.search('alma'), s.teams.load(), s.members.load()]);
  s.chats.upsertChat(chatA);
  s.chats.addMessages('chatA1', [messageA(1), messageA(2)]);
  s.chats.setActive('chatA1');
  s.chats.setTyping('chatA1', { kind: 'contact', id: 'contactA1', name: 'Alma Private' }, true);
  s.chats.ring({ ...chatA, id: 'chatA2' });
  s.chats.setCounts({ unassigned: 3, mine: 1, all: 4, teams: { teamA: 4 } });
  s.dashboard.$patch({ teamId: 'teamA', from: '2025-01-01', to: '2025-01-07' });
  s.integrations.$patch({ keys: [{ id: 'keyA', name: 'A key' }] as never, keysLoaded: true });
  s.late.notes.chatA1 = 'A was here';
  s.late.pinned = ['chatA1'];
  s.late.list.push('A');
  expect(JSON.stringify(clonePlain(getState()))).toContain('secret of A');
  expect(localStorage.getItem('phoenix.readMarks.userA')).toBe(JSON.stringify({ chatA1: 2 }));
  return s;
}

let pinia: Pinia;
const getState = () => pinia.state.value as Record<string, Record<string, unknown>>;
const flush = () => new Promise((r) => setTimeout(r, 0));
let unwire: (() => void) | null = null;

beforeEach(() => {
  Object.assign(globalThis, { localStorage: new MemoryStorage(), sessionStorage: new MemoryStorage() });
  localStorage.setItem('phx.readSeq', JSON.stringify({ chatOld: 9 }));
  installFakeFetch(() => routes);
  pinia = newPinia();
});
afterEach(() => {
  stopRealtime();
  unwire?.();
  unwire = null;
  restoreFetch();
});

/** Every store is as in a fresh tab, except the session store saying why it ended. */
function expectEmpty(endedReason: string | null) {
  const expected = pristine();
  setActivePinia(pinia);
  expected.session!.status = 'anonymous';
  expected.session!.endedReason = endedReason;
  expect(clonePlain(getState())).toEqual(expected);
  const dump = JSON.stringify(clonePlain(getState()));
  for (const trace of ['secret of A', 'Alma Private', 'chatA1', 'contactA1', 'userA', 'Team of A', 'A key']) expect(dump).not.toContain(trace);
}

type Exit = [name: string, endedReason: string | null, run: (router: Router, pushed: unknown[]) => Promise<void>];
const exits: Exit[] = [
  [
    'sign-out here',
    null,
    async () => {
      routes['POST /api/auth/logout'] = () => ({ status: 204 });
      await useSessionStore().logout();
    },
  ],
  [
    'a REST call answers 401',
    'Your session ended. Sign in again.',
    async () => {
      routes['GET /api/teams'] = () => ({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } } });
      const left = mock(() => {});
      unwire = endSessionOnUnauthenticated(pinia, left);
      const answer = useTeamsStore().load(true);
      // The 401 that ended the session never settles: its handler would write into the new state.
      const settled = await Promise.race([answer.then(() => 'settled'), flush().then(() => 'pending')]);
      expect(settled).toBe('pending');
      expect(left).toHaveBeenCalledTimes(1);
    },
  ],
  [
    'the server revokes the session over the socket',
    'You were signed out.',
    async (router, pushed) => {
      startRealtime(router, { url: 'ws://test/ws', WebSocketImpl: FakeSocket as unknown as typeof WebSocket });
      const ws = FakeSocket.last!;
      ws.open();
      ws.frame({ type: 'session.revoked', reason: 'logout' });
      expect(ws.closedWith).toBe(1000);
      expect(pushed).toEqual([{ path: '/login', query: { next: '/chats/mine/chatA1' } }]);
    },
  ],
  [
    'the socket is closed as unauthorized',
    'Your session ended. Sign in again.',
    async (router, pushed) => {
      startRealtime(router, { url: 'ws://test/ws', WebSocketImpl: FakeSocket as unknown as typeof WebSocket });
      FakeSocket.last!.open();
      FakeSocket.last!.serverClose(CLOSE_CODES.UNAUTHORIZED);
      expect(pushed).toEqual(['/login']);
    },
  ],
  [
    'the password was changed elsewhere',
    'Your password was changed. Sign in again.',
    async (router) => {
      startRealtime(router, { url: 'ws://test/ws', WebSocketImpl: FakeSocket as unknown as typeof WebSocket });
      FakeSocket.last!.open();
      FakeSocket.last!.frame({ type: 'session.revoked', reason: 'password_changed' });
    },
  ],
];

describe('every exit empties every store', () => {
  test.each(exits)('%s', async (_name, endedReason, run) => {
    await signInAsAWithData();
    const { router, pushed } = fakeRouter();
    await run(router, pushed);
    expectEmpty(endedReason);
    // A's marks stay A's, under A's key; the key every user shared is gone.
    expect(localStorage.getItem('phoenix.readMarks.userA')).toBe(JSON.stringify({ chatA1: 2 }));
    expect(localStorage.getItem('phx.readSeq')).toBeNull();
  });

  test('another user signing in in the same tab (a login link) finds none of A’s data', async () => {
    await signInAsAWithData();
    routes['POST /api/auth/login-link'] = () => ({ status: 200, body: sessionOf('userB', 'Bea') });
    const s = allStores();
    await s.session.loginWithLink('a-token-for-user-b');
    expect(s.session.user?.id).toBe('userB');
    expect(s.session.status).toBe('authenticated');
    const expected = pristine();
    setActivePinia(pinia);
    const state = clonePlain(getState());
    const others = (all: Record<string, Record<string, unknown>>) => Object.fromEntries(Object.entries(all).filter(([id]) => id !== 'session'));
    expect(others(state)).toEqual(others(expected));
    expect(JSON.stringify(state)).not.toContain('secret of A');
    expect(s.chats.readSeq).toEqual({});
    s.chats.upsertChat({ ...chatA, id: 'chatB1', assigneeId: 'userB' });
    s.chats.setActive('chatB1');
    expect(localStorage.getItem('phoenix.readMarks.userB')).toBe(JSON.stringify({ chatB1: 2 }));
  });

  test('the same user signing in again keeps the data (no reset on a mere refresh of the session)', async () => {
    const s = await signInAsAWithData();
    await s.session.login('ada@example.test', 'pw');
    expect(s.chats.messages.chatA1?.length).toBe(2);
  });

  test('B signing in after A’s exit reads B’s marks only', async () => {
    localStorage.setItem('phoenix.readMarks.userB', JSON.stringify({ chatB9: 5 }));
    await signInAsAWithData();
    endSession('logout');
    routes['POST /api/auth/login'] = () => ({ status: 200, body: sessionOf('userB', 'Bea') });
    await useSessionStore().login('bea@example.test', 'pw');
    expect(useChatsStore().readSeq).toEqual({ chatB9: 5 });
  });
});

describe('what a reset also drops', () => {
  test('an answer still on its way when the session ends never lands', async () => {
    await signInAsAWithData();
    let answer!: (a: FakeAnswer) => void;
    routes['GET /api/contacts'] = () => new Promise<FakeAnswer>((r) => (answer = r));
    const search = useContactsStore().search('late');
    await flush();
    endSession('logout');
    answer({ status: 200, body: { items: [{ ...contactA, id: 'contactLate' }], next: null } });
    await flush();
    void search;
    expect(useContactsStore().byId).toEqual({});
    expect(useContactsStore().results).toEqual([]);
  });

  test('the socket is closed and the reset reaches a store created after the plugin was written', async () => {
    await signInAsAWithData();
    const { router } = fakeRouter();
    startRealtime(router, { url: 'ws://test/ws', WebSocketImpl: FakeSocket as unknown as typeof WebSocket });
    const ws = FakeSocket.last!;
    ws.open();
    resetAllStores();
    expect(ws.closedWith).toBe(1000);
    expect(clonePlain(useLateStore().$state)).toEqual({ notes: {}, pinned: [], list: [] });
  });

  test('a store’s own objects are emptied in place, so its functions keep working on them', async () => {
    const s = await signInAsAWithData();
    endSession('logout');
    s.chats.upsertChat({ ...chatA, id: 'chatNew' });
    expect(s.chats.byId.chatNew?.id).toBe('chatNew');
    expect(Object.keys(useChatsStore().$state.byId as object)).toEqual(['chatNew']);
  });
});
