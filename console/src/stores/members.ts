import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InvitationDto, MemberDto, Role } from '../../../shared/types/index';
import { errorMessage, invitationsApi, membersApi, type MemberPatch } from '../api';
import { useSessionStore } from './session';

export const useMembersStore = defineStore('members', () => {
  const items = ref<MemberDto[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const invitations = ref<InvitationDto[]>([]);
  const invitationsLoading = ref(false);
  const invitationsError = ref<string | null>(null);

  const byId = computed(() => Object.fromEntries(items.value.map((m) => [m.id, m])) as Record<string, MemberDto>);

  async function load(force = false) {
    if (loading.value || (loaded.value && !force)) return;
    loading.value = true;
    error.value = null;
    try {
      items.value = (await membersApi.list()).items;
      loaded.value = true;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  async function loadInvitations() {
    invitationsLoading.value = true;
    invitationsError.value = null;
    try {
      invitations.value = (await invitationsApi.list()).items.filter((i) => !i.acceptedAt);
    } catch (err) {
      invitationsError.value = errorMessage(err);
    } finally {
      invitationsLoading.value = false;
    }
  }

  function put(m: MemberDto) {
    items.value = items.value.some((x) => x.id === m.id)
      ? items.value.map((x) => (x.id === m.id ? m : x))
      : [...items.value, m];
    useSessionStore().patchUser(m);
  }

  async function update(id: string, patch: MemberPatch) {
    const m = await membersApi.update(id, patch);
    put(m);
    return m;
  }

  async function invite(email: string, role: Role, teamIds: string[]) {
    const inv = await invitationsApi.create({ email, role, teamIds });
    invitations.value = [inv, ...invitations.value.filter((i) => i.id !== inv.id)];
    return inv;
  }

  async function revokeInvitation(id: string) {
    await invitationsApi.revoke(id);
    invitations.value = invitations.value.filter((i) => i.id !== id);
  }

  return {
    items,
    loading,
    loaded,
    error,
    byId,
    invitations,
    invitationsLoading,
    invitationsError,
    load,
    loadInvitations,
    update,
    invite,
    revokeInvitation,
    put,
  };
});
