import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InvitationDto, MemberDto, Role } from '../../../shared/types/index';
import { invitationsApi, membersApi, type MemberPatch } from '../api';
import { attempt } from '../lib/attempt';
import { loadedList } from './list';
import { useSessionStore } from './session';

export const useMembersStore = defineStore('members', () => {
  const { items, loading, loaded, error, byId, load, upsert } = loadedList(async () => (await membersApi.list()).items);
  const invitations = ref<InvitationDto[]>([]);
  const invitationsLoading = ref(false);
  const invitationsError = ref<string | null>(null);

  async function loadInvitations() {
    await attempt(invitationsError, async () => {
      invitations.value = (await invitationsApi.list()).items.filter((i) => !i.acceptedAt);
    }, invitationsLoading);
  }

  function put(m: MemberDto) {
    upsert(m);
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
