import { ChatComposerElement } from './chat-composer';

export const COMPOSER_TAG = 'phoenix-chat-composer';

export function defineChatComposer(): void {
  if (!customElements.get(COMPOSER_TAG)) customElements.define(COMPOSER_TAG, ChatComposerElement);
}
