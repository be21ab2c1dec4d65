import { ChatAfterEndElement } from './chat-after-end';

export const AFTER_END_TAG = 'phoenix-chat-after-end';

export function defineChatAfterEnd(): void {
  if (!customElements.get(AFTER_END_TAG)) customElements.define(AFTER_END_TAG, ChatAfterEndElement);
}
