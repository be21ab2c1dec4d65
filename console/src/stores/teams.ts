import { defineStore } from 'pinia';
import type { TeamSettings } from '../../../shared/types/dto';
import { teamsApi, type TeamPatch } from '../api';
import { loadedList } from './list';

export const useTeamsStore = defineStore('teams', () => {
  const { items, loading, loaded, error, byId, load, upsert: put } = loadedList(async () => (await teamsApi.list()).items);

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
