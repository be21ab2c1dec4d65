// Who is online, away or offline (server/realtime/presence.ts): loaded once, then kept live by
// `member.presence` frames. Reloaded after a reconnect, since frames may have been missed.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Presence } from '../../../shared/types/enums';
import { liveApi } from '../api';

export interface PresenceEntry {
  presence: Presence;
  since: string | null;
}

export const usePresenceStore = defineStore('presence', () => {
  const byUser = ref<Record<string, PresenceEntry>>({});
  /** Bumped on `member.changed` (availability, teams): views that show those re-read them. */
  const memberChanges = ref(0);

  async function load() {
    try {
      const { items } = await liveApi.presence();
      byUser.value = Object.fromEntries(items.map((p) => [p.userId, { presence: p.presence, since: p.since }]));
    } catch {
      // Presence is a hint: without it members show as offline until the next frame.
    }
  }

  function set(userId: string, presence: Presence, since: string) {
    byUser.value = { ...byUser.value, [userId]: { presence, since } };
  }

  const of = (userId: string): Presence => byUser.value[userId]?.presence ?? 'offline';

  // Emptied with every other store on sign-out (stores/lifecycle.ts).
  return { byUser, memberChanges, load, set, of };
});
