import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { ChatDto, ContactDto, CustomFieldType } from '../../../shared/types/index';
import { contactsApi, errorMessage, type ContactPatch } from '../api';

/** `#vip` or `tag:vip` searches by tag; anything else is a free-text search. */
export function parseContactQuery(input: string): { q?: string; tag?: string } {
  const s = input.trim();
  if (!s) return {};
  const m = s.match(/^(?:#|tag:)\s*(.+)$/i);
  if (m) return { tag: m[1]!.trim() };
  return { q: s };
}

export const useContactsStore = defineStore('contacts', () => {
  const byId = reactive<Record<string, ContactDto>>({});
  const results = ref<string[]>([]);
  const next = ref<string | null>(null);
  const query = ref('');
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = ref<string | null>(null);
  const searched = ref(false);
  const chatsByContact = reactive<Record<string, ChatDto[]>>({});

  let controller: AbortController | null = null;

  async function search(input: string, more = false) {
    if (more && (!next.value || loadingMore.value)) return;
    if (!more) {
      controller?.abort();
      query.value = input;
    }
    const ctl = new AbortController();
    if (!more) controller = ctl;
    if (more) loadingMore.value = true;
    else loading.value = true;
    error.value = null;
    try {
      const page = await contactsApi.list(
        { ...parseContactQuery(input), cursor: more ? next.value : undefined, limit: 50 },
        ctl.signal,
      );
      for (const c of page.items) byId[c.id] = c;
      const ids = page.items.map((c) => c.id);
      results.value = more ? [...results.value, ...ids] : ids;
      next.value = page.next;
      searched.value = true;
    } catch (err) {
      if ((err as { name?: string }).name === 'AbortError') return;
      error.value = errorMessage(err);
    } finally {
      if (controller === ctl || more) {
        loading.value = false;
        loadingMore.value = false;
      }
    }
  }

  async function fetch(id: string) {
    const c = await contactsApi.get(id);
    byId[id] = c;
    return c;
  }

  async function loadChats(id: string) {
    chatsByContact[id] = (await contactsApi.chats(id)).items;
    return chatsByContact[id]!;
  }

  function put(c: ContactDto) {
    byId[c.id] = c;
    return c;
  }

  const update = async (id: string, patch: ContactPatch) => put(await contactsApi.update(id, patch));
  const addTag = async (id: string, tag: string) => put(await contactsApi.addTag(id, tag));
  const removeTag = async (id: string, tag: string) => put(await contactsApi.removeTag(id, tag));
  const setField = async (id: string, key: string, type: CustomFieldType, value: string | number | boolean) =>
    put(await contactsApi.setField(id, key, type, value));
  const removeField = async (id: string, key: string) => put(await contactsApi.removeField(id, key));

  /** After a session reset (stores/lifecycle.ts): a search still on its way is the last user's. */
  function afterReset() {
    controller?.abort();
    controller = null;
  }

  return {
    byId,
    results,
    next,
    query,
    loading,
    loadingMore,
    error,
    searched,
    chatsByContact,
    search,
    fetch,
    loadChats,
    update,
    addTag,
    removeTag,
    setField,
    removeField,
    afterReset,
  };
});
