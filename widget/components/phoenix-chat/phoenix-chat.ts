// <phoenix-chat>: the launcher, shipped in widget.js and therefore written without Lit — every
// byte here is paid by every page view, chat or no chat. It themes itself from the widget
// config, shows the unread badge, and on first open imports the panel chunk (Lit + the chat)
// from our server and mounts it inside its own shadow root.
import type { WidgetConfigDto } from '../../../shared/types/dto';
import type { Emitter } from '../../internal/emitter';
import { apiUrl, serverBase } from '../../internal/embed';
import type { PanelElement, PanelModule } from '../../internal/panel-contract';
import { configKey, readJson, readState, writeJson } from '../../internal/storage';
import { chooseLocale, type Locale } from '../../internal/locales/choose';
import { launcherText, launcherUnread } from '../../internal/locales/launcher';
import { safeColor, safePosition, textOn } from '../../internal/theme';
import { launcherStyles } from './phoenix-chat.styles';

/** Set by the loader: where widget.js came from, to find the panel chunk next to it. */
let loaderSrc: string | null = null;
let panelPath = '';
let emitter: Emitter | null = null;

export function configureLoader(opts: { src: string | null; panel: string; emitter: Emitter }): void {
  loaderSrc = opts.src;
  panelPath = opts.panel;
  emitter = opts.emitter;
}

// Static markup only: no attribute or server value is ever interpolated into it.
const TEMPLATE = `<div class="root" part="root">
<div class="wrap" part="panel" hidden></div>
<div class="oops" role="alert" hidden></div>
<button class="launcher" part="launcher" type="button" aria-expanded="false">
<svg class="bubble" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4 21.5l4.4-2.1c1.1.4 2.3.6 3.6.6 5.5 0 10-3.8 10-8.5S17.5 3 12 3z"/></svg>
<svg class="x" viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 1 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>
<span class="badge" aria-hidden="true" hidden></span>
</button>
<span class="sr" role="status"></span>
</div>`;

export class PhoenixChatElement extends HTMLElement {
  private readonly shadow: ShadowRoot;
  private readonly rootEl: HTMLElement;
  private readonly wrap: HTMLElement;
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly live: HTMLElement;
  private readonly oops: HTMLElement;
  private panel: PanelElement | null = null;
  private loading: Promise<PanelElement> | null = null;
  private config: WidgetConfigDto | null = null;
  private unread = 0;
  private started = false;
  isOpen = false;

  constructor() {
    super();
    this.shadow = this.attachShadow({ mode: 'open' });
    // A constructed stylesheet, not a <style> element: customers' pages with a strict
    // Content-Security-Policy (style-src without 'unsafe-inline') refuse inline <style> but not
    // adopted sheets (CSSOM). Browsers without them get the <style> (and need 'unsafe-inline').
    if ('adoptedStyleSheets' in this.shadow && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(launcherStyles);
      this.shadow.adoptedStyleSheets = [sheet];
      this.shadow.innerHTML = TEMPLATE;
    } else {
      this.shadow.innerHTML = `<style>${launcherStyles}</style>${TEMPLATE}`;
    }
    const $ = <T extends HTMLElement>(sel: string): T => this.shadow.querySelector(sel) as T;
    this.rootEl = $('.root');
    this.wrap = $('.wrap');
    this.launcher = $('.launcher');
    this.badge = $('.badge');
    this.live = $('.sr');
    this.oops = $('.oops');
    this.launcher.addEventListener('click', () => (this.isOpen ? this.close() : void this.open()));
    this.rootEl.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.isOpen) {
        e.stopPropagation();
        this.close();
      }
    });
  }

  get org(): string {
    return (this.getAttribute('org') ?? '').trim();
  }

  get base(): string | null {
    return serverBase(this.getAttribute('server'), loaderSrc);
  }

  /** data-locale (or the older data-lang), else <html lang>, else the browser: locales/choose.ts. */
  get locale(): Locale {
    return chooseLocale({
      dataLocale: this.getAttribute('locale') || this.getAttribute('lang'),
      htmlLang: document.documentElement.lang,
      navigatorLanguages: navigator.languages?.length ? navigator.languages : [navigator.language],
    });
  }

  connectedCallback(): void {
    if (this.started) return;
    const base = this.base;
    if (!this.org || !base) {
      this.hidden = true;
      console.warn('[phoenix-chat] missing org key or server URL; the chat is disabled.');
      return;
    }
    this.started = true;
    this.renderLauncher();
    const cached = readJson<WidgetConfigDto>(configKey(this.org, this.getAttribute('team')));
    if (cached) this.applyConfig(cached);
    void this.fetchConfig(base);
    // A visitor with a live chat gets the panel in the background, hidden, so agent replies
    // raise the badge after a reload. First-time visitors only ever load widget.js.
    const state = readState(this.org);
    if (state.token && state.chatId && !state.ended) {
      const idle = (globalThis as { requestIdleCallback?: (fn: () => void) => void }).requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 1500));
      idle(() => void this.loadPanel().catch(() => undefined));
    }
    emitter?.emit('ready');
  }

  private async fetchConfig(base: string): Promise<void> {
    try {
      const res = await fetch(apiUrl(base, 'api/widget/config', { org: this.org, team: this.getAttribute('team'), locale: this.locale }), { credentials: 'omit' });
      if (res.status === 404) {
        // A wrong or revoked widget key: a launcher that can never chat is worse than none.
        this.hidden = true;
        console.warn(`[phoenix-chat] unknown widget key "${this.org}"; the chat is disabled.`);
        return;
      }
      if (res.status === 403) {
        // This page's origin is not among the organization's allowed ones (the route's only 403):
        // tell the site's developer what to do, and show no launcher that cannot work.
        this.hidden = true;
        console.error(`[phoenix-chat] ${location.origin} may not use this chat widget: add it under Integrations → Widget → "Allowed websites" in the Phoenix console. The chat is disabled.`);
        return;
      }
      if (!res.ok) return;
      const config = (await res.json()) as WidgetConfigDto;
      writeJson(configKey(this.org, this.getAttribute('team')), config);
      if (!this.panel) this.applyConfig(config);
    } catch {
      // Offline or server down: the launcher works with defaults and the panel retries.
    }
  }

  applyConfig(config: WidgetConfigDto): void {
    this.config = config;
    const color = safeColor(config?.widget?.color);
    if (color) {
      this.rootEl.style.setProperty('--phx-org-accent', color);
      this.rootEl.style.setProperty('--phx-org-accent-text', textOn(color));
    }
    this.rootEl.classList.toggle('left', safePosition(config?.widget?.position) === 'left');
  }

  async open(): Promise<void> {
    if (this.isOpen || !this.started) return;
    this.setOpen(true);
    this.oops.hidden = true;
    this.launcher.setAttribute('aria-busy', 'true');
    try {
      const panel = await this.loadPanel();
      if (!this.isOpen) return;
      this.wrap.hidden = false;
      panel.show();
      emitter?.emit('open');
    } catch {
      this.setOpen(false);
      this.oops.textContent = launcherText(this.locale, 'loadFailed');
      this.oops.hidden = false;
      setTimeout(() => (this.oops.hidden = true), 4000);
    } finally {
      this.launcher.removeAttribute('aria-busy');
    }
  }

  close(focusLauncher = true): void {
    if (!this.isOpen) return;
    this.panel?.hide();
    this.wrap.hidden = true;
    this.setOpen(false);
    if (focusLauncher) this.launcher.focus();
    emitter?.emit('close');
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else void this.open();
  }

  identify(userId: string | null, userHash: string | null): void {
    this.toggleAttr('user-id', userId);
    this.toggleAttr('user-hash', userHash);
    this.panel?.identify(userId, userHash);
  }

  private toggleAttr(name: string, value: string | null): void {
    if (value) this.setAttribute(name, value);
    else this.removeAttribute(name);
  }

  private setOpen(open: boolean): void {
    this.isOpen = open;
    this.rootEl.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    this.renderLauncher();
  }

  private setUnread(count: number): void {
    if (count === this.unread) return;
    const grew = count > this.unread;
    this.unread = count;
    this.renderLauncher();
    if (grew && !this.isOpen) this.live.textContent = launcherUnread(this.locale, count);
    emitter?.emit('unread', count);
  }

  private renderLauncher(): void {
    const locale = this.locale;
    const n = this.isOpen ? 0 : this.unread;
    this.badge.hidden = n === 0;
    this.badge.textContent = n > 99 ? '99+' : String(n);
    const openLabel = launcherText(locale, 'openChat');
    this.launcher.setAttribute('aria-label', this.isOpen ? launcherText(locale, 'closeChat') : n ? `${openLabel}, ${launcherUnread(locale, n)}` : openLabel);
  }

  /** Import the panel chunk once; a failed import can be retried by opening again. */
  private loadPanel(): Promise<PanelElement> {
    const base = this.base!;
    this.loading ??= (import(/* @vite-ignore */ new URL(panelPath, loaderSrc ?? base).href) as Promise<PanelModule>)
      .then(async (mod) => {
        const lang = await mod.loadStrings(this.locale);
        this.panel = mod.mountPanel(this.wrap, {
          org: this.org,
          base,
          team: this.getAttribute('team'),
          userId: this.getAttribute('user-id'),
          userHash: this.getAttribute('user-hash'),
          lang,
          config: this.config,
          onClose: () => this.close(),
          onUnread: (n) => this.setUnread(n),
          onEvent: (name, detail) => {
            if (name === 'config') this.applyConfig(detail as WidgetConfigDto);
            emitter?.emit(name, detail);
          },
        });
        return this.panel;
      })
      .catch((e: unknown) => {
        this.loading = null;
        throw e;
      });
    return this.loading;
  }
}
