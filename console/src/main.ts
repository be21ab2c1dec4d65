import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { makeRouter } from './router';
import { endSessionOnUnauthenticated, storeReset } from './stores/lifecycle';
import './styles.css';
// The socket registers itself to close on every session reset.
import './realtime';

const app = createApp(App);
const pinia = createPinia();
// Before any store exists: it records each store's initial state, what every sign-out returns to.
pinia.use(storeReset);
app.use(pinia);
const router = makeRouter();
app.use(router);

endSessionOnUnauthenticated(pinia, () => {
  const here = router.currentRoute.value;
  if (!here.meta.public) void router.push({ path: '/login', query: { next: here.fullPath } });
});

app.mount('#app');
