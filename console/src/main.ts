import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { onUnauthenticated } from './api';
import App from './App.vue';
import { stopRealtime } from './realtime';
import { makeRouter } from './router';
import { useSessionStore } from './stores/session';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
const router = makeRouter();
app.use(router);

// Any 401 from the API means the session is gone (expired, revoked elsewhere).
onUnauthenticated(() => {
  const session = useSessionStore(pinia);
  if (session.status !== 'authenticated') return;
  stopRealtime();
  session.clear('Your session ended. Sign in again.');
  const here = router.currentRoute.value;
  if (!here.meta.public) void router.push({ path: '/login', query: { next: here.fullPath } });
});

app.mount('#app');
