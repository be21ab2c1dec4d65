// The saved replies this agent may use (shared + their own), loaded once per session and kept
// current by this tab's own changes; the composer's "/" list and the Manage page share it.
import { defineStore } from 'pinia';
import type { CreateSavedReplyInput, SavedReplyDto, UpdateSavedReplyInput } from '../../../../shared/contract/saved-replies';
import { savedRepliesApi } from '../../api';
import { loadedList } from '../../stores/list';

const byShortcut = (a: SavedReplyDto, b: SavedReplyDto) => a.shortcut.localeCompare(b.shortcut) || a.scope.localeCompare(b.scope);

export const useSavedRepliesStore = defineStore('savedReplies', () => {
  const { items, loading, loaded, error, byId, load, upsert } = loadedList(async () => (await savedRepliesApi.list()).items);

  async function create(input: CreateSavedReplyInput) {
    const r = await savedRepliesApi.create(input);
    upsert(r);
    items.value = [...items.value].sort(byShortcut);
    return r;
  }
  async function update(id: string, patch: UpdateSavedReplyInput) {
    const r = await savedRepliesApi.update(id, patch);
    upsert(r);
    items.value = [...items.value].sort(byShortcut);
    return r;
  }
  async function remove(id: string) {
    await savedRepliesApi.remove(id);
    items.value = items.value.filter((r) => r.id !== id);
  }

  return { items, loading, loaded, error, byId, load, create, update, remove };
});
