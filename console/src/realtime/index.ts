// Wires the socket and the dispatch table to the stores. Started by the app shell after login.
import { computed, ref } from 'vue';
import type { Router } from 'vue-router';
import { notifyAssigned } from '../composables/useDesktopNotifications';
import { useChatsStore } from '../stores/chats';
import { useMembersStore } from '../stores/members';
import { usePresenceStore } from '../stores/presence';
import { useSessionStore } from '../stores/session';
import { trackActivity } from './activity';
import { connectionNotice } from './connection';
import { endSession, onSessionReset } from '../stores/lifecycle';
import { dispatch, type DispatchTarget } from './dispatch';
import { chime } from '../composables/useRinger';
import { shouldChimeForMessage } from '../stores/messageChime';
import { useMentionsStore, useNotesStore } from '../features/mentions/store';
import { RealtimeClient, type SocketStatus } from './socket';

export const socketStatus = ref<SocketStatus>('idle');
let client: RealtimeClient | null = null;
let stopActivity: (() => void) | null = null;

/** The browser's own idea of the network (navigator.onLine and its online/offline events). */
const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
/** Socket attempts lost since it was last open (a first connection that keeps failing shows too). */
const failedAttempts = ref(0);
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => {
    browserOnline.value = true;
    client?.retryNow();
  });
  window.addEventListener('offline', () => void (browserOnline.value = false));
}
/** The banner's notice: offline, reconnecting, or nothing (connection.ts). */
export const connection = computed(() => connectionNotice(socketStatus.value, browserOnline.value, failedAttempts.value));

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

export interface RealtimeOverrides {
  url?: string;
  WebSocketImpl?: typeof WebSocket;
}

export function startRealtime(router: Router, overrides: RealtimeOverrides = {}) {
  if (client) return;
  const chats = useChatsStore();
  const presence = usePresenceStore();
  const members = useMembersStore();
  const target: DispatchTarget = {
    // Each (re)connect: presence frames may have been missed meanwhile.
    ready: () => void presence.load(),
    setPresence: (userId, state, since) => presence.set(userId, state, since),
    memberChanged: () => {
      presence.memberChanges++;
      void members.load(true);
    },
    upsertChat: (c) => chats.upsertChat(c),
    removeChat: (id) => chats.removeChat(id),
    addMessages: (id, m, live) => {
      // One chime for a visitor's new message in my chat that I am not looking at (messageChime.ts).
      const session = useSessionStore();
      const chime1 = live && m.some((msg) => shouldChimeForMessage({
        message: msg,
        chat: chats.byId[id] ?? null,
        myId: session.myId,
        alreadyHeld: (chats.messages[id] ?? []).some((held) => held.seq === msg.seq),
        open: chats.activeChatId === id,
        tabVisible: document.visibilityState === 'visible',
        sound: session.user?.notifications.sound ?? false,
        ringing: chats.ringing.includes(id),
      }));
      chats.addMessages(id, m, live);
      if (chime1) chime();
    },
    replayed: (id, lastSeq) => chats.replayed(id, lastSeq),
    setRead: (id, side, seq, at) => chats.setRead(id, side, seq, at),
    setTyping: (id, author, on) => chats.setTyping(id, author, on),
    setCounts: (c) => chats.setCounts(c),
    addNote: (note) => useNotesStore().add(note),
    mentioned: (mention) => {
      useMentionsStore().received(mention);
      if (useSessionStore().user?.notifications.sound) chime();
    },
    notifyAssigned: (chat) => {
      chats.ring(chat);
      notifyAssigned(chat, router);
    },
    sessionRevoked: (reason) => {
      const next = router.currentRoute.value.fullPath;
      endSession(`revoked:${reason}`);
      void router.push({ path: '/login', query: { next } });
    },
    serverError: () => {},
  };
  client = new RealtimeClient({
    url: overrides.url ?? socketUrl(),
    WebSocketImpl: overrides.WebSocketImpl,
    onFrame: (f) => dispatch(f, target),
    onStatus: (s) => {
      socketStatus.value = s;
      if (s === 'open') failedAttempts.value = 0;
      else if (s === 'reconnecting') failedAttempts.value++;
      if (s === 'unauthorized') {
        // The cookie no longer opens a socket: the session is over.
        client = null;
        endSession('socket-unauthorized');
        void router.push('/login');
      }
    },
    onReconnected: () => void chats.refreshAll(),
    // The highest contiguous seq, not the highest held: a seq lost on the way is replayed.
    afterSeq: (chatId) => chats.resumeSeq(chatId),
  });
  client.start();
  stopActivity = trackActivity(() => void client?.send({ type: 'presence.activity' }));
}

export function stopRealtime() {
  const c = client;
  client = null;
  stopActivity?.();
  stopActivity = null;
  failedAttempts.value = 0;
  c?.stop();
}

/** "Appear away" on or off (presence; the Available/Away switch is availability, not this). */
export function setAppearAway(away: boolean) {
  client?.send({ type: 'presence.set', away });
}
// Every session reset closes the socket: its subscriptions and cookie are the old user's.
onSessionReset(stopRealtime);

export function subscribeChat(chatId: string) {
  client?.subscribe(chatId);
}
export function unsubscribeChat(chatId: string) {
  client?.unsubscribe(chatId);
}
/** Read receipt: the highest seq the agent has on screen in this chat (the server coalesces). */
export function sendRead(chatId: string, seq: number) {
  client?.send({ type: 'read', chatId, seq });
}
export function sendTyping(chatId: string, typing: boolean) {
  client?.send({ type: 'typing', chatId, typing });
}
