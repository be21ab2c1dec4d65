import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { useSessionStore } from '../stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    /** Public pages a logged-in user should not see (login, sign-up). */
    guestOnly?: boolean;
    title?: string;
    admin?: boolean;
    supervisor?: boolean;
  }
}

const Auth = {
  Login: () => import('../features/auth/LoginView.vue'),
  Signup: () => import('../features/auth/SignupView.vue'),
  Forgot: () => import('../features/auth/ForgotView.vue'),
  Reset: () => import('../features/auth/ResetView.vue'),
  Accept: () => import('../features/auth/AcceptView.vue'),
  LoginLink: () => import('../features/auth/LoginLinkView.vue'),
};

export const routes: RouteRecordRaw[] = [
  { path: '/login', component: Auth.Login, meta: { public: true, guestOnly: true, title: 'Sign in' } },
  { path: '/signup', component: Auth.Signup, meta: { public: true, guestOnly: true, title: 'Create your organization' } },
  { path: '/forgot', component: Auth.Forgot, meta: { public: true, title: 'Forgot password' } },
  { path: '/reset', component: Auth.Reset, meta: { public: true, title: 'Choose a new password' } },
  { path: '/accept', component: Auth.Accept, meta: { public: true, title: 'Accept invitation' } },
  { path: '/login-link', component: Auth.LoginLink, meta: { public: true, title: 'Signing in' } },
  {
    path: '/',
    component: () => import('../layout/AppShell.vue'),
    children: [
      { path: '', component: () => import('../features/dashboard/DashboardView.vue'), meta: { title: 'Dashboard' } },
      {
        path: 'chats/:view(unassigned|mine|all)/:chatId?',
        name: 'inbox',
        component: () => import('../features/inbox/InboxView.vue'),
        meta: { title: 'Live chat' },
      },
      // Links from e-mails and the handoff API name only the chat: open it in "All", which
      // holds every chat the agent may see.
      { path: 'chats/:chatId([0-9a-fA-F]{24})', redirect: (to) => `/chats/all/${String(to.params.chatId)}` },
      {
        path: 'chats/team/:teamId/:chatId?',
        name: 'team-inbox',
        component: () => import('../features/inbox/InboxView.vue'),
        meta: { title: 'Live chat' },
      },
      { path: 'live', component: () => import('../features/live/LiveView.vue'), meta: { title: 'Live view', supervisor: true } },
      { path: 'contacts', component: () => import('../features/contacts/ContactsView.vue'), meta: { title: 'Contacts' } },
      { path: 'contacts/:id', component: () => import('../features/contacts/ContactView.vue'), meta: { title: 'Contact' } },
      {
        path: 'manage',
        component: () => import('../layout/ManageLayout.vue'),
        children: [
          { path: '', redirect: '/manage/profile' },
          { path: 'members', component: () => import('../features/members/MembersView.vue'), meta: { title: 'Members', admin: true } },
          { path: 'teams', component: () => import('../features/teams/TeamsView.vue'), meta: { title: 'Teams' } },
          { path: 'teams/:id', component: () => import('../features/teams/TeamView.vue'), meta: { title: 'Team settings' } },
          { path: 'saved-replies', component: () => import('../features/saved-replies/SavedRepliesView.vue'), meta: { title: 'Saved replies' } },
          { path: 'availability', component: () => import('../features/availability/AvailabilityView.vue'), meta: { title: 'My availability' } },
          { path: 'profile', component: () => import('../features/profile/ProfileView.vue'), meta: { title: 'Profile' } },
          { path: 'integrations', component: () => import('../features/integrations/IntegrationsView.vue'), meta: { title: 'Integrations', admin: true } },
        ],
      },
    ],
  },
  { path: '/:pathMatch(.*)*', component: () => import('../layout/NotFound.vue'), meta: { public: true, title: 'Not found' } },
];

export function makeRouter() {
  const router = createRouter({ history: createWebHistory(), routes });
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.load();
    const authed = session.status === 'authenticated';
    if (!to.meta.public && !authed) {
      return to.fullPath === '/' ? '/login' : { path: '/login', query: { next: to.fullPath } };
    }
    if (to.meta.guestOnly && authed) return '/';
    if (to.meta.admin && !session.isAdmin) return '/manage/profile';
    if (to.meta.supervisor && !session.isSupervisor) return '/';
    return true;
  });
  return router;
}
