// Registration is guarded: a page that includes widget.js twice must not throw.
import { PhoenixChatElement } from './phoenix-chat';

export const TAG = 'phoenix-chat';

export function definePhoenixChat(): void {
  if (!customElements.get(TAG)) customElements.define(TAG, PhoenixChatElement);
}
