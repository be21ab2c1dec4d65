// Wires the socket and the dispatch table to the stores. Started by the app shell after login.
import { ref } from 'vue';
import type { Router } from 'vue-router';
import type { ChatDto } from '../../../shared/types/dto';
import { contactLabel } from '../lib/format';
import { useChatsStore } from '../stores/chats';
import { endSession, onSessionReset } from '../stores/lifecycle';
import { dispatch, type DispatchTarget } from './dispatch';
import { RealtimeClient, type SocketStatus } from './socket';

export const socketStatus = ref<SocketStatus>('idle');
let client: RealtimeClient | null = null;

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

function desktopNotify(chat: ChatDto, router: Router) {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if (!document.hidden && document.hasFocus()) return;
  try {
    const n = new Notification('New chat assigned to you', {
      body: `${contactLabel(chat.contact)}${chat.lastMessage ? `: ${chat.lastMessage.text.slice(0, 120)}` : ''}`,
      tag: `chat-${chat.id}`,
    });
    n.onclick = () => {
      window.focus();
      void router.push(`/chats/mine/${chat.id}`);
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the sound still rings.
  }
}

export interface RealtimeOverrides {
  url?: string;
  WebSocketImpl?: typeof WebSocket;
}

export function startRealtime(router: Router, overrides: RealtimeOverrides = {}) {
  if (client) return;
  const chats = useChatsStore();
  const target: DispatchTarget = {
    ready: () => {},
    upsertChat: (c) => chats.upsertChat(c),
    removeChat: (id) => chats.removeChat(id),
    addMessages: (id, m, live) => chats.addMessages(id, m, live),
    replayed: (id, lastSeq) => chats.replayed(id, lastSeq),
    setTyping: (id, author, on) => chats.setTyping(id, author, on),
    setCounts: (c) => chats.setCounts(c),
    notifyAssigned: (chat) => {
      chats.ring(chat);
      desktopNotify(chat, router);
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
}

export function stopRealtime() {
  const c = client;
  client = null;
  c?.stop();
}
// Every session reset closes the socket: its subscriptions and cookie are the old user's.
onSessionReset(stopRealtime);

export function subscribeChat(chatId: string) {
  client?.subscribe(chatId);
}
export function unsubscribeChat(chatId: string) {
  client?.unsubscribe(chatId);
}
export function sendTyping(chatId: string, typing: boolean) {
  client?.send({ type: 'typing', chatId, typing });
}
