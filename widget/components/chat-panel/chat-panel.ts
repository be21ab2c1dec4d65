// The chat panel, mounted by the launcher on first open: header, the transcript (a polite live
// region), the typing line, and the composer — or, once the chat has ended, the way to start a
// new one. The conversation logic lives in ChatController; this element only renders it and
// turns DOM events into controller calls.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AttachmentDto, MessageDto, UnresponsiveChoice } from '../../../shared/types';
import { ChatController } from '../../controllers/chat';
import type { OutboxEntry } from '../../internal/outbox';
import type { PanelOptions } from '../../internal/panel-contract';
import { absoluteTime, relativeTime } from '../../internal/message-time';
import { translator, type Translate } from '../../internal/strings';
import { TimerGroup } from '../../internal/timer';
import type { ChatComposerElement } from '../chat-composer/chat-composer';
import { avatarCircle, type DeliveryState } from '../chat-message/chat-message';
import { Announcer, trapTab } from './a11y';
import { panelStyles } from './chat-panel.styles';
import { queueLine, replyLine } from './queue-line';
import { transcriptRows, transcriptStamps, type Row, type Stamps } from './rows';

/** Relative times ("2 min ago") move on with one tick for the whole panel, while it is open. */
const TICK_MS = 30_000;

export class ChatPanelElement extends LitElement {
  static override styles = panelStyles;
  static override properties = { open: { type: Boolean, reflect: true }, menu: { state: true } };

  declare open: boolean;
  /** The header's menu: closed, open, or asking to confirm the end. */
  declare menu: 'closed' | 'open' | 'confirm';
  private chat!: ChatController;
  private options!: PanelOptions;
  private t: Translate = translator('en');
  /** Follow new messages unless the visitor scrolled up to read. */
  private stick = true;
  private readonly ticks = new TimerGroup<'tick'>();
  private readonly announcer = new Announcer();

  constructor() {
    super();
    this.open = false;
    this.menu = 'closed';
  }

  /** Called once by mountPanel, before the element is connected. */
  init(options: PanelOptions): void {
    this.options = options;
    this.t = translator(options.lang);
    this.chat = new ChatController(this, {
      org: options.org,
      base: options.base,
      team: options.team,
      userId: options.userId,
      userHash: options.userHash, locale: this.t.lang,
      config: options.config,
      onUnread: options.onUnread,
      onEvent: options.onEvent,
    });
    void this.chat.start();
  }

  show(): void {
    this.open = true;
    this.tick();
    this.stick = true;
    this.chat.unread.setVisible(true);
    void this.updateComplete.then(() => {
      this.scrollToEnd();
      this.composer?.focus();
    });
  }

  hide(): void {
    this.open = false;
    this.ticks.clearAll();
    this.chat.unread.setVisible(false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ticks.clearAll();
  }

  private tick(): void {
    this.ticks.set('tick', TICK_MS, () => (this.requestUpdate(), this.tick()));
  }

  identify(userId: string | null, userHash: string | null): void {
    void this.chat.identify(userId, userHash);
  }

  private get composer(): ChatComposerElement | null {
    return this.renderRoot.querySelector('phoenix-chat-composer');
  }

  private get scroller(): HTMLElement | null {
    return this.renderRoot.querySelector('.scroll');
  }

  private scrollToEnd(): void {
    const s = this.scroller;
    if (s) s.scrollTop = s.scrollHeight;
  }

  protected override updated(_: PropertyValues<this>): void {
    if (this.stick) this.scrollToEnd();
  }

  private onScroll(): void {
    const s = this.scroller;
    if (s) this.stick = s.scrollHeight - s.scrollTop - s.clientHeight < 48;
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape') (e.stopPropagation(), this.options.onClose());
    else trapTab(e, e.currentTarget as HTMLElement);
  }


  private onSend(e: CustomEvent<{ text: string; attachments: AttachmentDto[] }>): void {
    this.stick = true;
    this.chat.send(e.detail.text, e.detail.attachments);
  }

  override render() {
    const t = this.t;
    const c = this.chat;
    const title = c.config?.widget.title || t('defaultTitle');
    const ended = c.chat?.status === 'ended';
    const rows = this.rows();
    const stamps = transcriptStamps(rows, Date.now(), this.t.lang);
    const agent = c.chat && !ended ? c.agentName() : null;
    // Before the first message: the offline form while the team is away, else the pre-chat form.
    const form = c.phase === 'ready' && !ended ? c.forms.which(c.chat !== null) : null;
    return html`
      <section class="panel" role="dialog" aria-labelledby="phx-title" @keydown=${this.onKeydown}>
        <header class="head">
          ${agent ? avatarCircle(agent) : nothing}
          <div class="titles">
            <h2 id="phx-title">${title}</h2>
            ${this.statusLine()}
          </div>
          ${c.chat && !ended ? html`<button class="close more" type="button" aria-haspopup="true" aria-expanded=${this.menu !== 'closed'} aria-label=${t('chatMenu')} @click=${() => (this.menu = this.menu === 'closed' ? 'open' : 'closed')}>⋯</button>` : nothing}
          <button class="close" type="button" aria-label=${t('closeChat')} @click=${() => this.options.onClose()}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 1 0-1.4 1.4l4.9 4.9-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>
          </button>
        </header>
        ${c.chat && !ended && this.menu !== 'closed' ? this.endMenu() : nothing}
        ${this.banner()}
        <div class="scroll" @scroll=${this.onScroll}>
          <ol
            class="log"
            role="log"
            aria-live="off"
            aria-label=${t('messages')}
            @phx-retry=${(e: Event) => this.onRetry(e)}
            @phx-choice=${(e: CustomEvent<UnresponsiveChoice>) => this.chat.choice.choose(e.detail)}
            @phx-open=${(e: CustomEvent<AttachmentDto>) => void this.chat.attachments.open(e.detail).catch(() => undefined)}
          >
            ${this.intro()}
            ${repeat(rows, (r) => r.key, (r, i) => this.renderRow(r, rows[i - 1], stamps))}
            ${c.forms.sentTo && c.chat ? html`<li class="notice">${t('offlineSent', { email: c.forms.sentTo })}</li>` : nothing}
          </ol>
          ${form === 'offer' ? this.renderOffer() : form ? this.renderForm(form) : nothing}
          <div class="sr" aria-live="polite" data-testid="announce">${this.announcer.next(this.chat.store.messages, this.t)}</div>
          <div class="typing" role="status">
            ${c.typing.agent !== undefined
              ? html`<span class="dots">${c.typing.agent ? t('typing', { name: c.typing.agent }) : t('someoneTyping')}</span>`
              : nothing}
          </div>
        </div>
        ${form === 'offline' || form === 'prechat'
          ? nothing
          : ended
          ? html`<div class="ended">
              <span>${t('ended')}</span>
              <phoenix-chat-after-end .chat=${c.chat} .t=${t} .base=${this.options.base} .token=${() => c.session.token}></phoenix-chat-after-end>
              <button class="primary" type="button" @click=${this.startNew}>${t('startNew')}</button>
            </div>`
          : html`<phoenix-chat-composer
              .t=${t}
              .uploader=${c.phase === 'ready' ? c.attachments.uploader : null}
              .maxBytes=${c.config?.limits?.uploadMaxBytes}
              @phx-send=${this.onSend}
              @phx-typing=${(e: CustomEvent<{ empty: boolean }>) => c.typing.input(e.detail.empty)}
            ></phoenix-chat-composer>`}
      </section>
    `;
  }

  /** Ends the chat (the route answers with it; the `chat.ended` frame updates every tab). */
  private async endChat(): Promise<void> {
    const c = this.chat;
    if (c.chat && c.chat.status !== 'ended') await c.api.endChat(c.chat.id).catch(() => undefined);
  }

  /** The header menu's one entry, End chat, and its confirmation. */
  private endMenu() {
    const t = this.t;
    if (this.menu === 'open') {
      return html`<div class="menu" role="menu"><button type="button" role="menuitem" class="end" @click=${() => (this.menu = 'confirm')}>${t('endChat')}</button></div>`;
    }
    return html`<div class="menu confirm" role="alertdialog" aria-label=${t('endChatConfirm')}>
      <span>${t('endChatConfirm')}</span>
      <button type="button" class="end primary" @click=${() => ((this.menu = 'closed'), void this.endChat())}>${t('endChat')}</button>
      <button type="button" @click=${() => (this.menu = 'closed')}>${t('cancel')}</button>
    </div>`;
  }

  private renderOffer() {
    const t = this.t;
    return html`<div class="offer">
      <p>${t('offerText')}</p>
      <button class="primary" type="button" @click=${() => this.chat.forms.setOfflineOpen(true)}>${t('offlineTitle')}</button>
    </div>`;
  }

  private renderForm(which: 'offline' | 'prechat') {
    // Most visitors never see a form: its element is a chunk of its own, fetched on first need.
    if (!customElements.get('phoenix-visitor-form')) void import('../visitor-form/define').then((m) => m.defineVisitorForm());
    const t = this.t;
    const f = this.chat.forms;
    const offline = which === 'offline';
    return html`<phoenix-visitor-form
      .heading=${offline ? t('offlineTitle') : t('prechatTitle')}
      .intro=${offline ? this.chat.config?.texts?.offline?.trim() || t('offlineIntro') : t('prechatIntro')}
      .submitLabel=${offline ? t('offlineSubmit') : t('prechatSubmit')}
      .fields=${offline ? f.offlineFields(t) : f.prechatFields(t)}
      .errors=${f.errors}
      .formError=${f.formError}
      .busy=${f.busy}
      .cancelLabel=${offline ? t('backToChat') : ''}
      .t=${t}
      @phx-cancel=${() => f.setOfflineOpen(false)}
      @phx-submit=${(e: CustomEvent<Record<string, string>>) => void this.onForm(which, e.detail)}
    ></phoenix-visitor-form>`;
  }

  private async onForm(which: 'offline' | 'prechat', values: Record<string, string>): Promise<void> {
    const c = this.chat;
    if (which === 'offline') {
      await c.forms.submitOffline(values, this.t);
    } else {
      await c.forms.submitPrechat(values, this.t);
    }
    this.stick = true;
    await this.updateComplete;
    this.composer?.focus();
  }

  private startNew(): void {
    this.chat.startNew();
    void this.updateComplete.then(() => this.composer?.focus());
  }

  private onRetry(e: Event): void {
    const key = (e.target as HTMLElement).dataset.clientId;
    if (key) this.chat.outbox.retry(key);
  }

  private statusLine() {
    const t = this.t;
    const c = this.chat;
    const chat = c.chat;
    let text = '';
    // "Away" while the team is closed or nobody can chat: "Waiting for an agent" would promise someone.
    const away = !!c.config && (!c.config.team.open || c.config.team.offline);
    if (chat && chat.status !== 'ended' && chat.assigneeId) {
      const name = c.agentName();
      text = name ? t('chattingWith', { name }) : '';
    } else if (away) {
      text = t('afterHours');
    } else if (chat && chat.status !== 'ended') {
      const place = c.queue.of(chat);
      text = place ? queueLine(t, place.position, place.estimatedWaitSeconds) : t('waitingAgent');
    } else if (c.config) text = replyLine(t, c.config.team.replyEstimateSeconds);
    return text ? html`<p class="status" aria-live="polite">${text}</p>` : nothing;
  }

  private banner() {
    const t = this.t;
    const c = this.chat;
    if (c.phase === 'failed')
      return html`<div class="banner" role="status">
        <span>${t('sessionError')}</span><button type="button" @click=${() => void c.start()}>${t('tryAgain')}</button>
      </div>`;
    if (c.phase === 'starting') return html`<div class="banner" role="status">${t('loading')}</div>`;
    const state = c.connection.state;
    if (state === 'offline') return html`<div class="banner" role="status">${t('offline')}</div>`;
    if (state === 'connecting' && c.connection.failures > 0) return html`<div class="banner" role="status">${t('reconnecting')}</div>`;
    return nothing;
  }

  /** Greeting and after-hours notice: local, shown before the visitor writes. */
  private intro() {
    const c = this.chat;
    const cfg = c.config;
    if (!cfg) return nothing;
    const greeting = cfg.widget.greeting?.trim();
    const away = !cfg.team.open && cfg.team.afterHoursMessage?.trim();
    // Once the server has posted the after-hours message into the chat, don't show it twice.
    const awayShown = away && c.store.messages.some((m) => m.author.kind === 'system' && m.text.trim() === away);
    return html`
      ${greeting
        ? html`<li><phoenix-chat-message kind="agent" .name=${cfg.orgName} .avatar=${cfg.orgName} .text=${greeting} .t=${this.t}></phoenix-chat-message></li>`
        : nothing}
      ${away && !awayShown
        ? html`<li class="after-hours"><phoenix-chat-message kind="system" .text=${away} .t=${this.t}></phoenix-chat-message></li>`
        : nothing}
    `;
  }

  private rows(): Row[] {
    const c = this.chat;
    return transcriptRows(c.store.items(c.chat?.id ?? null), c.notices);
  }

  private renderRow(row: Row, prev: Row | undefined, stamps: Stamps) {
    if (row.kind === 'notice') {
      const n = row.notice;
      return html`<li class="notice">${this.t(n.text as 'agentJoined', n.params)}</li>`;
    }
    if (row.kind === 'outbox') return this.renderOutbox(row.entry);
    const stamp = stamps.get(row.key);
    const message = this.renderMessage(row.message, prev, stamp?.time ?? false);
    // "Seen" under the visitor's newest message once an agent has read it (read receipts).
    const m = row.message;
    const seen = m.author.kind === 'contact' && m.seq <= this.chat.reads.agentSeq && m.seq === this.lastOwnSeq();
    const day = stamp?.day ? html`<li class="day" data-testid="day">${stamp.day}</li>` : nothing;
    return html`${day}${message}${seen ? html`<li class="seen" data-testid="seen">${this.t('seen')}</li>` : nothing}`;
  }

  private lastOwnSeq(): number {
    const msgs = this.chat.store.messages;
    for (let i = msgs.length - 1; i >= 0; i--) if (msgs[i]!.author.kind === 'contact') return msgs[i]!.seq;
    return 0;
  }

  private renderMessage(m: MessageDto, prev: Row | undefined, showTime: boolean) {
    const t = this.t;
    const c = this.chat;
    const mine = m.author.kind === 'contact';
    const prevAuthor = prev?.kind === 'message' ? prev.message.author : null;
    const sameAuthor = prevAuthor && prevAuthor.kind === m.author.kind && prevAuthor.id === m.author.id;
    const name = mine || m.author.kind === 'system' || sameAuthor ? null : m.author.name || t('agent');
    const avatar = name && m.author.kind !== 'bot' ? name : null;
    // Choice buttons only on the newest offer, and only while the chat is waiting for one.
    const at = Date.parse(m.createdAt);
    const offer = m.actions.length > 0 && !!c.chat?.awaitingChoice && this.isLastOffer(m);
    return html`<li class=${sameAuthor ? 'cont' : ''}>
      <phoenix-chat-message
        kind=${m.author.kind}
        ?mine=${mine}
        state="sent"
        .name=${name}
        .avatar=${avatar}
        .text=${m.text}
        .time=${Number.isNaN(at) ? null : absoluteTime(at, t.lang)}
        .datetime=${m.createdAt}
        .stamp=${showTime && !Number.isNaN(at) && m.author.kind !== 'system' ? relativeTime(at, Date.now(), t.lang, t('justNow')) : null}
        .attachments=${m.attachments}
        .actions=${offer ? m.actions : []}
        .choosing=${c.choice.choosing}
        .t=${t}
        .preview=${this.preview}
      ></phoenix-chat-message>
    </li>`;
  }

  private renderOutbox(e: OutboxEntry) {
    const c = this.chat;
    const online = c.connection.state === 'online';
    const state: DeliveryState = e.state === 'failed' ? 'failed' : e.limited ? 'limited' : online || e.attempts > 0 ? 'pending' : 'queued';
    return html`<li>
      <phoenix-chat-message
        kind="contact"
        mine
        state=${state}
        data-client-id=${e.clientId}
        .text=${e.text}
        .attachments=${e.attachments}
        .t=${this.t}
        .preview=${this.preview}
      ></phoenix-chat-message>
    </li>`;
  }

  private isLastOffer(m: MessageDto): boolean {
    const msgs = this.chat.store.messages;
    for (let i = msgs.length - 1; i >= 0; i--) if (msgs[i]!.actions.length) return msgs[i] === m;
    return false;
  }

  private readonly preview = (a: AttachmentDto): Promise<string> => this.chat.attachments.blobUrl(a);
}
