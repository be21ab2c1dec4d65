// The chat labels in use in the organization (GET /api/chats/labels), for the inbox filter and
// the label editor's suggestions. Labels seen on chats since (live frames, this tab's own edits)
// join the list without a reload.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { chatsApi } from '../../api';

export const useChatLabelsStore = defineStore('chatLabels', () => {
  const known = ref<string[]>([]);
  const loaded = ref(false);

  async function load() {
    try {
      remember((await chatsApi.labels()).items);
      loaded.value = true;
    } catch {
      // Suggestions only: the filter still works with the labels seen on chats.
    }
  }

  function remember(labels: readonly string[]) {
    const missing = labels.filter((l) => !known.value.includes(l));
    if (missing.length > 0) known.value = [...known.value, ...missing].sort();
  }

  return { known, loaded, load, remember };
});
