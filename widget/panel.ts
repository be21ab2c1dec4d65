// The panel chunk (Lit + the chat), imported by widget.js on first open. Its one export is the
// PanelModule contract in internal/panel-contract.ts.
import { ChatPanelElement } from './components/chat-panel/chat-panel';
import { defineChatPanel, PANEL_TAG } from './components/chat-panel/define';
import type { PanelElement, PanelModule, PanelOptions } from './internal/panel-contract';
import { loadLocale } from './internal/strings';

/** The visitor's language tables (a chunk of their own): the launcher awaits this before mounting. */
export const loadStrings: PanelModule['loadStrings'] = (locale) => loadLocale(locale);

export const mountPanel: PanelModule['mountPanel'] = (container: HTMLElement, options: PanelOptions): PanelElement => {
  defineChatPanel();
  const panel = document.createElement(PANEL_TAG) as ChatPanelElement;
  panel.init(options);
  container.appendChild(panel);
  return panel;
};
