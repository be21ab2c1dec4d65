import { ChatMessageElement } from './chat-message';

export const MESSAGE_TAG = 'phoenix-chat-message';

export function defineChatMessage(): void {
  if (!customElements.get(MESSAGE_TAG)) customElements.define(MESSAGE_TAG, ChatMessageElement);
}
