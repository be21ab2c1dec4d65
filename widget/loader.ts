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
// API before definition: defining upgrades hand-placed elements, which emit `ready` at once.
const replayQueued = installApi(TAG, emitter, __PHX_VERSION__);
definePhoenixChat();

const data = script?.dataset;
const ATTRS: [string, string | undefined][] = [
  ['org', data?.org],
  ['team', data?.team],
  ['user-id', data?.userId],
  ['user-hash', data?.userHash],
  ['locale', data?.locale],
  ['lang', data?.lang],
];

function mount(): void {
  if (document.querySelector(TAG)) return;
  const el = document.createElement(TAG);
  for (const [name, value] of ATTRS) if (value) el.setAttribute(name, value);
  document.body.appendChild(el);
}

// Queued calls (`open`, say) need the element, so they run after mounting — which, for a
// script in <head> without `async`, means after the document is parsed.
function start(): void {
  if (data?.org && !alreadyLoaded) mount();
  replayQueued();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
