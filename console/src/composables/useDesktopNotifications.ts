// Desktop notifications (Notification API) for a chat assigned to me while the console is in
// the background. Permission is asked from Profile's button only — a click — never on load.
// Clicking the notification brings this tab forward and opens the chat.
import { ref } from 'vue';
import type { Router } from 'vue-router';
import type { ChatDto } from '../../../shared/types/dto';
import { contactLabel } from '../lib/format';

type Permission = NotificationPermission | 'unsupported';

const supported = () => typeof Notification !== 'undefined';
export const desktopPermission = ref<Permission>(supported() ? Notification.permission : 'unsupported');

export async function requestDesktopPermission(): Promise<void> {
  if (!supported()) return;
  desktopPermission.value = await Notification.requestPermission();
}

/** Shows "New chat assigned to you" unless this tab is in front; a click opens the chat. */
export function notifyAssigned(chat: ChatDto, router: Router): Notification | null {
  if (!supported() || Notification.permission !== 'granted') return null;
  if (document.visibilityState === 'visible' && document.hasFocus()) return null;
  try {
    const n = new Notification('New chat assigned to you', {
      body: `${contactLabel(chat.contact)}${chat.lastMessage ? `: ${chat.lastMessage.text.slice(0, 120)}` : ''}`,
      tag: `chat-${chat.id}`,
    });
    n.onclick = () => {
      window.focus();
      void router.push(`/chats/mine/${chat.id}`);
      n.close();
    };
    return n;
  } catch {
    // Some browsers only allow notifications from a service worker; the sound still rings.
    return null;
  }
}
