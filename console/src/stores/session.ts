import { defineStore, getActivePinia } from 'pinia';
import { computed, ref } from 'vue';
import type { MemberDto, OrgDto } from '../../../shared/types/dto';
import { authApi, invitationsApi, meApi, orgApi, type MePatch, type Session } from '../api';
import { claimSession, endSession } from './lifecycle';

export type SessionStatus = 'unknown' | 'loading' | 'authenticated' | 'anonymous';

export const useSessionStore = defineStore('session', () => {
  const pinia = getActivePinia();
  const user = ref<MemberDto | null>(null);
  const org = ref<OrgDto | null>(null);
  const status = ref<SessionStatus>('unknown');
  /** Why the last session ended, shown on the login screen. */
  const endedReason = ref<string | null>(null);

  const isAdmin = computed(() => user.value?.role === 'owner' || user.value?.role === 'admin');
  const isSupervisor = computed(() => isAdmin.value || user.value?.role === 'supervisor');
  const myId = computed(() => user.value?.id ?? null);

  function set(s: Session) {
    // Another user's data still loaded (a login link opened while signed in): that session ends first.
    claimSession(s.user.id, pinia);
    user.value = s.user;
    org.value = s.org;
    status.value = 'authenticated';
    endedReason.value = null;
  }

  /** Nobody signed in yet (at boot). Ending a session is `endSession`'s job, which resets every store. */
  function anonymous(reason: string | null = null) {
    user.value = null;
    org.value = null;
    status.value = 'anonymous';
    endedReason.value = reason;
  }

  let loading: Promise<void> | null = null;
  /** Resolves the session once at boot; a 401 just means "not logged in". */
  function load(): Promise<void> {
    if (status.value === 'authenticated' || status.value === 'anonymous') return Promise.resolve();
    if (loading) return loading;
    status.value = 'loading';
    loading = authApi
      .me()
      .then(set)
      .catch((err: unknown) => {
        anonymous();
        // Anything but "not logged in" is worth surfacing on the login page.
        if ((err as { status?: number }).status !== 401) endedReason.value = 'Could not reach the server.';
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  async function login(email: string, password: string) {
    set(await authApi.login({ email, password }));
  }
  async function signup(body: { orgName: string; name: string; email: string; password: string }) {
    set(await authApi.signup(body));
  }
  async function acceptInvitation(token: string, name: string, password: string) {
    set(await invitationsApi.accept({ token, name, password }));
  }
  async function loginWithLink(token: string) {
    set(await authApi.loginLink({ token }));
  }
  async function logout() {
    try {
      await authApi.logout();
    } finally {
      endSession('logout', pinia);
    }
  }
  async function updateMe(patch: MePatch) {
    const updated = await meApi.update(patch);
    user.value = updated;
    return updated;
  }
  async function changePassword(currentPassword: string, newPassword: string) {
    await authApi.changePassword({ currentPassword, newPassword });
  }
  async function updateOrg(patch: Parameters<typeof orgApi.update>[0]) {
    org.value = await orgApi.update(patch);
    return org.value;
  }
  /** Keeps the cached user in step when an admin edits this same member elsewhere. */
  function patchUser(m: MemberDto) {
    if (user.value && user.value.id === m.id) user.value = m;
  }

  return {
    user,
    org,
    status,
    endedReason,
    isAdmin,
    isSupervisor,
    myId,
    load,
    login,
    signup,
    acceptInvitation,
    loginWithLink,
    logout,
    updateMe,
    changePassword,
    updateOrg,
    patchUser,
  };
});
