// A list the console loads once and keeps (members, teams): its items by id, and the state of
// its loading. A store spreads it into its own state; `load(true)` reloads.
import { computed, ref, type Ref } from 'vue';
import { attempt } from '../lib/attempt';

export function loadedList<T extends { id: string }>(fetchItems: () => Promise<T[]>) {
  const items = ref([]) as Ref<T[]>;
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const byId = computed(() => Object.fromEntries(items.value.map((x) => [x.id, x])) as Record<string, T>);

  /** Loads the list unless it is loading or (without `force`) already loaded. */
  async function load(force = false) {
    if (loading.value || (loaded.value && !force)) return;
    await attempt(error, async () => {
      items.value = await fetchItems();
      loaded.value = true;
    }, loading);
  }

  /** Puts `x` in place of the item with its id, or at the end. */
  function upsert(x: T) {
    items.value = items.value.some((y) => y.id === x.id) ? items.value.map((y) => (y.id === x.id ? x : y)) : [...items.value, x];
  }

  return { items, loading, loaded, error, byId, load, upsert };
}
