import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { TeamDto, TeamSettings } from '../../../shared/types/dto';
import { errorMessage, teamsApi, type TeamPatch } from '../api';

export const useTeamsStore = defineStore('teams', () => {
  const items = ref<TeamDto[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  const byId = computed(() => Object.fromEntries(items.value.map((t) => [t.id, t])) as Record<string, TeamDto>);

  async function load(force = false) {
    if (loading.value || (loaded.value && !force)) return;
    loading.value = true;
    error.value = null;
    try {
      items.value = (await teamsApi.list()).items;
      loaded.value = true;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  function put(team: TeamDto) {
    const i = items.value.findIndex((t) => t.id === team.id);
    if (i === -1) items.value = [...items.value, team];
    else items.value = items.value.map((t) => (t.id === team.id ? team : t));
  }

  async function create(name: string, settings: Partial<TeamSettings> = {}) {
    const team = await teamsApi.create({ name, ...settings });
    put(team);
    return team;
  }
  async function update(id: string, patch: TeamPatch) {
    const team = await teamsApi.update(id, patch);
    put(team);
    return team;
  }
  async function remove(id: string) {
    await teamsApi.remove(id);
    items.value = items.value.filter((t) => t.id !== id);
  }

  return { items, loading, loaded, error, byId, load, create, update, remove, put };
});
