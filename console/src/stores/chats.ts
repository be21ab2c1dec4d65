import { defineStore } from 'pinia';
import { computed, reactive, ref, watch } from 'vue';
import type { BadgeCounts, ChatDto, MessageDto } from '../../../shared/types/dto';
import { chatsApi, errorMessage, isApiError, never, requestEra, type Capabilities } from '../api';
import { newClientId } from '../lib/format';
import { readJson, storageKeys, writeJson } from '../lib/storage';
import {
  dropDelivered,
  emptyCounts,
  isUnread,
  lastSeqOf,
  matchesView,
  mergeMessages,
  parseViewKey,
  placeInList,
  staysInList,
  viewKey,
  type PendingMessage,
  type ViewSpec,
} from './chatLogic';
import { chatResume } from './resume';
import { visitorReceipts } from './receipts';
import { useSessionStore } from './session';

export interface ChatList {
  ids: string[];
  next: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  loaded: boolean;
}

interface TypingState {
  name: string | null;
  kind: 'agent' | 'contact';
  until: number;
}

const PAGE = 30;
const HISTORY_PAGE = 50;

export const useChatsStore = defineStore('chats', () => {
  const session = useSessionStore();
  const byId = reactive<Record<string, ChatDto>>({});
  const lists = reactive<Record<string, ChatList>>({});
  const counts = ref<BadgeCounts>(emptyCounts());
  const messages = reactive<Record<string, MessageDto[]>>({});
  /** Each tracked chat's resume point: its highest contiguous seq (see ./resume.ts). */
  const synced = reactive<Record<string, number>>({});
  const history = reactive<Record<string, { loading: boolean; error: string | null; complete: boolean }>>({});
  const pending = reactive<Record<string, PendingMessage[]>>({});
  const capabilities = reactive<Record<string, Capabilities>>({});
  const typing = reactive<Record<string, TypingState>>({});
  /** The signed-in user's read marks, from `phoenix.readMarks.<userId>`; empty while nobody is. */
  const readSeq = reactive<Record<string, number>>({});
  /** Chats assigned to me that I have not opened yet: the console rings for them. */
  const ringing = ref<string[]>([]);
  const activeChatId = ref<string | null>(null);
  const receipts = visitorReceipts(byId);
  const { setRead, visitorRead } = receipts;
  const resume = chatResume({
    synced,
    messages,
    page: (chatId, afterSeq, limit) => chatsApi.messages(chatId, { afterSeq, limit }),
    receive: (chatId, items) => addMessages(chatId, items),
  });

  // Marks are loaded when a user signs in, not at creation: the state a store is created with is
  // what a reset returns to (stores/lifecycle.ts), and it must hold nobody's data.
  let marksOf: string | null = null;
  function loadMarks(userId: string | null) {
    if (userId === marksOf) return;
    marksOf = userId;
    for (const k of Object.keys(readSeq)) delete readSeq[k];
    if (userId) Object.assign(readSeq, readJson<Record<string, number>>('local', storageKeys.readMarks(userId), {}));
  }
  watch(() => session.myId, loadMarks, { flush: 'sync' });
  if (session.myId) queueMicrotask(() => loadMarks(session.myId));

  function list(spec: ViewSpec): ChatList {
    const key = viewKey(spec);
    if (!lists[key]) {
      lists[key] = { ids: [], next: null, loading: false, loadingMore: false, error: null, loaded: false };
    }
    return lists[key]!;
  }

  const lookup = (id: string) => byId[id];

  async function loadList(spec: ViewSpec, more = false) {
    const l = list(spec);
    if (more) {
      if (!l.next || l.loadingMore) return;
      l.loadingMore = true;
    } else l.loading = true;
    l.error = null;
    try {
      const page = await chatsApi.list({
        view: spec.view,
        teamId: spec.teamId,
        status: spec.status,
        label: spec.label,
        cursor: more ? l.next : undefined,
        limit: PAGE,
      });
      for (const c of page.items) byId[c.id] = c;
      const ids = page.items.map((c) => c.id);
      l.ids = more ? [...l.ids, ...ids.filter((id) => !l.ids.includes(id))] : ids;
      l.next = page.next;
      l.loaded = true;
    } catch (err) {
      l.error = errorMessage(err);
    } finally {
      l.loading = false;
      l.loadingMore = false;
    }
  }

  async function loadCounts() {
    try {
      counts.value = await chatsApi.counts();
    } catch {
      // Badges are a convenience; the next `badges` frame corrects them.
    }
  }

  /**
   * After a reconnect (a drop, or the server's 4012/4029 resume close), frames may have been
   * missed: reload what is on screen — counts, lists and the open chat. Its messages come back
   * in the replay from the resume point.
   */
  async function refreshAll() {
    const keys = Object.keys(lists).filter((k) => lists[k]!.loaded);
    const open = activeChatId.value ? [refreshCapabilities(activeChatId.value)] : [];
    await Promise.all([loadCounts(), ...keys.map((k) => loadList(parseViewKey(k))), ...open]);
  }

  function upsertChat(chat: ChatDto) {
    byId[chat.id] = chat;
    placeEverywhere(chat, activeChatId.value);

    if (chat.status === 'ended' || chat.assigneeId !== session.myId) stopRinging(chat.id);
  }

  /** Re-places a chat in every loaded list; the open one keeps its place (staysInList). */
  function placeEverywhere(chat: ChatDto, openChatId: string | null) {
    for (const key of Object.keys(lists)) {
      const l = lists[key]!;
      if (!l.loaded) continue;
      const spec = parseViewKey(key);
      const belongs = staysInList(l.ids, chat, matchesView(chat, spec, session.myId), openChatId);
      l.ids = placeInList(l.ids, chat, belongs, lookup, spec.status);
    }
  }

  function removeChat(chatId: string) {
    for (const l of Object.values(lists)) l.ids = l.ids.filter((id) => id !== chatId);
    stopRinging(chatId);
    delete capabilities[chatId];
  }

  /** `live`: a `message.created` frame; one beyond a hole fetches what is missing at once. */
  function addMessages(chatId: string, incoming: MessageDto[], live = false) {
    const merged = mergeMessages(messages[chatId] ?? [], incoming);
    messages[chatId] = merged;
    resume.merged(chatId, live);
    if (pending[chatId]) pending[chatId] = dropDelivered(pending[chatId]!, incoming);
    const chat = byId[chatId];
    const last = merged[merged.length - 1];
    if (chat && last && last.seq >= chat.lastSeq) {
      // Keep list previews current even before the server's chat.updated arrives.
      byId[chatId] = {
        ...chat,
        lastSeq: last.seq,
        lastMessage: { seq: last.seq, text: last.text, author: last.author, createdAt: last.createdAt },
      };
    }
    if (last && last.author.kind === 'contact' && typing[chatId]?.kind === 'contact') delete typing[chatId];
    if (activeChatId.value === chatId) markRead(chatId);
  }

  async function loadHistory(chatId: string, older = false) {
    const h = (history[chatId] ??= { loading: false, error: null, complete: false });
    if (h.loading) return;
    h.loading = true;
    h.error = null;
    try {
      const have = messages[chatId] ?? [];
      const chat = byId[chatId];
      const before = older && have.length ? have[0]!.seq : (chat?.lastSeq ?? lastSeqOf(have)) + 1;
      const res = await chatsApi.messages(chatId, { beforeSeq: before, limit: HISTORY_PAGE });
      if (!older && !resume.latestPage(chatId, res.items, res.items.length >= HISTORY_PAGE)) {
        messages[chatId] = [];
        h.complete = false;
      }
      addMessages(chatId, res.items);
      if (!older) resume.afterLatestPage(chatId, res.items);
      const first = res.items[0]?.seq;
      if (res.items.length < HISTORY_PAGE || first === undefined || first <= 1) h.complete = true;
    } catch (err) {
      h.error = errorMessage(err);
    } finally {
      h.loading = false;
    }
  }

  async function openChat(chatId: string) {
    const res = await chatsApi.get(chatId);
    byId[chatId] = res.chat;
    capabilities[chatId] = res.capabilities;
    return res;
  }

  async function refreshCapabilities(chatId: string) {
    try {
      await openChat(chatId);
    } catch {
      // The chat view shows its own error when it cannot load the chat.
    }
  }

  function setActive(chatId: string | null) {
    const left = activeChatId.value;
    activeChatId.value = chatId;
    // The chat navigated away from leaves the lists it no longer belongs to (kept while open).
    const leftChat = left && left !== chatId ? byId[left] : undefined;
    if (leftChat) placeEverywhere(leftChat, chatId);
    if (chatId) {
      stopRinging(chatId);
      markRead(chatId);
    }
  }

  function markRead(chatId: string) {
    const seq = Math.max(byId[chatId]?.lastSeq ?? 0, lastSeqOf(messages[chatId]));
    if ((readSeq[chatId] ?? 0) >= seq) return;
    readSeq[chatId] = seq;
    if (marksOf) writeJson('local', storageKeys.readMarks(marksOf), readSeq);
  }

  function isChatUnread(chatId: string): boolean {
    const chat = byId[chatId];
    return !!chat && isUnread(chat, session.myId, readSeq[chatId]);
  }

  const unreadCount = computed(() => {
    let n = 0;
    for (const chat of Object.values(byId)) if (isUnread(chat, session.myId, readSeq[chat.id])) n++;
    for (const id of ringing.value) {
      const chat = byId[id];
      if (!chat || !isUnread(chat, session.myId, readSeq[id])) n++;
    }
    return n;
  });

  function ring(chat: ChatDto) {
    upsertChat(chat);
    if (activeChatId.value === chat.id) return;
    if (!ringing.value.includes(chat.id)) ringing.value = [...ringing.value, chat.id];
  }

  function stopRinging(chatId: string) {
    if (ringing.value.includes(chatId)) ringing.value = ringing.value.filter((id) => id !== chatId);
  }

  function setTyping(chatId: string, author: { kind: 'agent' | 'contact'; id: string; name: string | null }, on: boolean) {
    if (author.kind === 'agent' && author.id === session.myId) return;
    if (on) typing[chatId] = { name: author.name, kind: author.kind, until: Date.now() + 6000 };
    else delete typing[chatId];
  }

  function typingIn(chatId: string): TypingState | null {
    const t = typing[chatId];
    return t && t.until > Date.now() ? t : null;
  }

  function setCounts(c: BadgeCounts) {
    counts.value = c;
  }

  /** Sends over REST with a clientId: a retry after a network error cannot duplicate it. */
  async function send(chatId: string, text: string, attachments: { id: string; name: string }[] = [], retryOf?: string) {
    const clientId = retryOf ?? newClientId();
    const list = (pending[chatId] ??= []);
    const existing = list.find((p) => p.clientId === clientId);
    const entry: PendingMessage = existing ?? {
      clientId,
      chatId,
      text,
      attachmentIds: attachments.map((a) => a.id),
      attachmentNames: attachments.map((a) => a.name),
      status: 'sending',
      error: null,
      createdAt: new Date().toISOString(),
    };
    entry.status = 'sending';
    entry.error = null;
    if (!existing) list.push(entry);
    let delay = 500;
    const era = requestEra();
    for (let attempt = 0; ; attempt++) {
      // The session ended while waiting to retry: this message is not the next user's to send.
      if (era !== requestEra()) return never<MessageDto>();
      try {
        const message = await chatsApi.send(chatId, {
          clientId,
          text: entry.text,
          attachmentIds: entry.attachmentIds.length ? entry.attachmentIds : undefined,
        });
        addMessages(chatId, [message]);
        pending[chatId] = (pending[chatId] ?? []).filter((p) => p.clientId !== clientId);
        return message;
      } catch (err) {
        const transient = isApiError(err) && (err.status === 0 || err.status >= 500);
        if (transient && attempt < 4) {
          await new Promise((r) => setTimeout(r, delay));
          delay *= 2;
          continue;
        }
        const p = (pending[chatId] ?? []).find((x) => x.clientId === clientId);
        if (p) {
          p.status = 'failed';
          p.error = errorMessage(err);
        }
        throw err;
      }
    }
  }

  function discardPending(chatId: string, clientId: string) {
    pending[chatId] = (pending[chatId] ?? []).filter((p) => p.clientId !== clientId);
  }

  async function claim(chatId: string) {
    upsertChat(await chatsApi.claim(chatId));
    await refreshCapabilities(chatId);
  }
  async function assign(chatId: string, to: { agentId: string } | { teamId: string }) {
    upsertChat(await chatsApi.assign(chatId, to));
    await refreshCapabilities(chatId);
  }
  async function end(chatId: string) {
    upsertChat(await chatsApi.end(chatId));
    await refreshCapabilities(chatId);
  }

  /** After a session reset (stores/lifecycle.ts): the marks now belong to whoever is signed in. */
  function afterReset() {
    marksOf = null;
    resume.reset();
    receipts.reset();
    loadMarks(session.myId);
  }

  return {
    byId,
    lists,
    counts,
    messages,
    synced,
    history,
    pending,
    capabilities,
    typing,
    readSeq,
    ringing,
    activeChatId,
    unreadCount,
    isChatUnread,
    list,
    loadList,
    loadCounts,
    refreshAll,
    upsertChat,
    removeChat,
    addMessages,
    replayed: resume.replayed,
    resumeSeq: resume.resumeSeq,
    loadHistory,
    openChat,
    refreshCapabilities,
    setActive,
    ring,
    stopRinging,
    setRead,
    visitorRead,
    setTyping,
    typingIn,
    setCounts,
    send,
    discardPending,
    claim,
    assign,
    end,
    afterReset,
  };
});
