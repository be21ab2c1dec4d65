import { defineChatAfterEnd } from '../chat-after-end/define';
import { defineChatComposer } from '../chat-composer/define';
import { defineChatMessage } from '../chat-message/define';
import { ChatPanelElement } from './chat-panel';

export const PANEL_TAG = 'phoenix-chat-panel';

export function defineChatPanel(): void {
  defineChatMessage();
  defineChatComposer();
  defineChatAfterEnd();
  if (!customElements.get(PANEL_TAG)) customElements.define(PANEL_TAG, ChatPanelElement);
}
