// Private notes of the open chats and the signed-in member's mentions. Notes arrive live through
// `note.created` (only agents who may see the chat get one) and are read per chat when it opens;
// mentions arrive through `mention.created`, which also rings once (if the profile allows sound).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MentionableMember, MentionDto, NoteDto } from '../../../../shared/contract/notes';
import { errorMessage, notesApi } from '../../api';

export const useNotesStore = defineStore('notes', () => {
  const byChat = ref<Record<string, NoteDto[]>>({});
  const mentionable = ref<Record<string, MentionableMember[]>>({});

  function add(note: NoteDto) {
    const list = byChat.value[note.chatId] ?? [];
    if (list.some((n) => n.id === note.id)) return;
    byChat.value[note.chatId] = [...list, note].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async function load(chatId: string) {
    const res = await notesApi.list(chatId);
    for (const n of res.items) add(n);
    byChat.value[chatId] ??= [];
  }
  async function loadMentionable(chatId: string) {
    if (mentionable.value[chatId]) return;
    mentionable.value[chatId] = (await notesApi.mentionable(chatId)).items;
  }
  async function create(chatId: string, text: string, mentions: string[]) {
    add(await notesApi.create(chatId, { text, mentions }));
  }
  return { byChat, mentionable, add, load, loadMentionable, create, of: (chatId: string) => byChat.value[chatId] ?? [] };
});

export const useMentionsStore = defineStore('mentions', () => {
  const items = ref<MentionDto[]>([]);
  const unread = ref(0);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  async function load() {
    loading.value = true;
    try {
      const res = await notesApi.mentions();
      items.value = res.items;
      unread.value = res.unread;
      error.value = null;
      loaded.value = true;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }
  function received(m: MentionDto) {
    if (items.value.some((x) => x.id === m.id)) return;
    items.value = [m, ...items.value];
    if (!m.read) unread.value++;
  }
  async function markRead(id: string) {
    const m = items.value.find((x) => x.id === id);
    if (!m || m.read) return;
    m.read = true;
    unread.value = Math.max(0, unread.value - 1);
    await notesApi.readMention(id).catch(() => undefined);
  }
  /** Opening a chat reads every mention in it. */
  async function readChat(chatId: string) {
    for (const m of items.value.filter((x) => x.chatId === chatId && !x.read)) await markRead(m.id);
  }
  return { items, unread, loading, loaded, error, load, received, markRead, readChat };
});
