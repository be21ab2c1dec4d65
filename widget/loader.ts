// widget.js — the classic script customers embed:
//   <script src="https://HOST/widget.js" data-org="KEY" async></script>
// It registers <phoenix-chat>, mounts one from the script's data-* attributes, and installs
// `window.PhoenixChat`. It is an IIFE with no Lit inside; the panel chunk is imported on first
// open from next to this script (see vite.config.ts for how its hashed name gets here).
import { configureLoader } from './components/phoenix-chat/phoenix-chat';
import { definePhoenixChat, TAG } from './components/phoenix-chat/define';
import { createEmitter } from './internal/emitter';
import { installApi } from './internal/global-api';

declare const __PHX_PANEL__: string;
declare const __PHX_VERSION__: string;

// Only valid while this script's top level runs: capture it first.
const script = document.currentScript as HTMLScriptElement | null;
const emitter = createEmitter();

configureLoader({ src: script?.src || null, panel: __PHX_PANEL__, emitter });
const alreadyLoaded = !!customElements.get(TAG);
definePhoenixChat();

const data = script?.dataset;
const ATTRS: [string, string | undefined][] = [
  ['org', data?.org],
  ['team', data?.team],
  ['user-id', data?.userId],
  ['user-hash', data?.userHash],
  ['lang', data?.lang],
];

function mount(): void {
  if (document.querySelector(TAG)) return;
  const el = document.createElement(TAG);
  for (const [name, value] of ATTRS) if (value) el.setAttribute(name, value);
  document.body.appendChild(el);
}

if (data?.org && !alreadyLoaded) {
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
}

installApi(TAG, emitter, __PHX_VERSION__);
