// One message bubble: text (light formatting from shared/format and links, as Lit templates of
// text nodes, <strong>, <em>, lists and safe <a> elements — never HTML),
// attachments (images previewed through blob: URLs, other files downloaded on click), the
// delivery state of the visitor's own messages, and the unresponsive-agent choice buttons.
// Interactions leave as events (phx-retry, phx-choice, phx-open) for the panel to handle.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { parseLightMarkup, type Span } from '../../../shared/format/light-markup';
import type { AttachmentDto, AuthorKind, MessageAction, UnresponsiveChoice } from '../../../shared/types';
import { avatarHue, initials } from '../../internal/avatar';
import { formatBytes, isImage } from '../../internal/files';
import { linkify } from '../../internal/linkify';
import type { Translate } from '../../internal/strings';
import { messageStyles } from './chat-message.styles';

/** `limited`: the server said "too fast"; it goes again by itself after the wait. */
export type DeliveryState = 'sent' | 'pending' | 'queued' | 'limited' | 'failed';

export class ChatMessageElement extends LitElement {
  static override styles = messageStyles;
  static override properties = {
    kind: { reflect: true },
    mine: { type: Boolean, reflect: true },
    state: { reflect: true },
    name: {},
    avatar: {},
    text: {},
    time: {},
    datetime: {},
    stamp: {},
    attachments: { attribute: false },
    actions: { attribute: false },
    choosing: {},
    t: { attribute: false },
    preview: { attribute: false },
    previews: { state: true },
  };

  declare kind: AuthorKind;
  declare mine: boolean;
  declare state: DeliveryState;
  /** Shown above the bubble; null hides it (same author as the previous message). */
  declare name: string | null;
  /** The author whose initials circle sits beside the bubble (first of a run); null leaves the gutter empty. */
  declare avatar: string | null;
  declare text: string;
  /** The full date and time (tooltip). */
  declare time: string | null;
  /** ISO instant, for <time datetime>. */
  declare datetime: string | null;
  /** The time shown under the last message of a run ("2 min ago"); null shows none. */
  declare stamp: string | null;
  declare attachments: AttachmentDto[];
  declare actions: MessageAction[];
  declare choosing: UnresponsiveChoice | null;
  declare t: Translate;
  declare preview: ((a: AttachmentDto) => Promise<string>) | null;
  declare previews: Record<string, string>;

  constructor() {
    super();
    // Initialized here, not as class fields: with define semantics, field initializers would
    // shadow Lit's reactive accessors.
    this.kind = 'agent';
    this.mine = false;
    this.state = 'sent';
    this.name = null;
    this.avatar = null;
    this.text = '';
    this.time = null;
    this.datetime = null;
    this.stamp = null;
    this.attachments = [];
    this.actions = [];
    this.choosing = null;
    this.previews = {};
    this.preview = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('attachments') || changed.has('preview')) this.loadPreviews();
  }

  private loadPreviews(): void {
    const preview = this.preview;
    if (!preview) return;
    for (const a of this.attachments) {
      if (!isImage(a.contentType) || this.previews[a.id]) continue;
      preview(a).then(
        (url) => (this.previews = { ...this.previews, [a.id]: url }),
        () => undefined, // The file button below still works.
      );
    }
  }

  private fire(type: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const hasText = this.text.length > 0;
    return html`
      ${this.name ? html`<div class="name">${this.name}</div>` : nothing}
      <div class="row">
      ${this.mine || this.kind === 'system' ? nothing : this.avatar ? avatarCircle(this.avatar) : html`<span class="gutter"></span>`}
      <div class="bubble ${hasText ? '' : 'empty'}" title=${this.time ?? nothing}>
        ${hasText
          ? html`<div class="text">${parseLightMarkup(this.text).map((b) =>
              b.kind === 'text'
                ? html`<p>${spans(b.spans)}</p>`
                : b.ordered
                ? html`<ol start=${b.start}>${b.items.map((i) => html`<li>${spans(i)}</li>`)}</ol>`
                : html`<ul>${b.items.map((i) => html`<li>${spans(i)}</li>`)}</ul>`,
            )}</div>`
          : nothing}
        ${this.attachments.length ? html`<div class="files">${this.attachments.map((a) => this.renderFile(a))}</div>` : nothing}
        ${this.actions.length ? this.renderActions() : nothing}
      </div>
      </div>
      ${this.renderState()}
      ${this.stamp && (!this.mine || this.state === 'sent')
        ? html`<time class="meta stamp" datetime=${this.datetime ?? nothing} title=${this.time ?? nothing}>${this.stamp}</time>`
        : nothing}
    `;
  }

  private renderFile(a: AttachmentDto) {
    const url = this.previews[a.id];
    const label = this.t('openAttachment', { name: a.name });
    if (url)
      return html`<button class="thumb" type="button" aria-label=${label} @click=${() => window.open(url, '_blank', 'noopener')}>
        <img src=${url} alt=${a.name} />
      </button>`;
    return html`<button class="file" type="button" aria-label=${label} @click=${() => this.fire('phx-open', a)}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6zm0 2.5L17.5 8H14V4.5z" /></svg>
      <span>${a.name} (${formatBytes(a.size)})</span>
    </button>`;
  }

  private renderActions() {
    return html`<div class="actions" role="group">
      ${this.actions.map(
        (a) => html`<button
          class="action"
          type="button"
          aria-pressed=${this.choosing === a.id ? 'true' : 'false'}
          ?disabled=${!!this.choosing}
          @click=${() => this.fire('phx-choice', a.id)}
        >${a.id === 'another_agent' ? this.t('choiceAnotherAgent') : a.id === 'keep_waiting' ? this.t('choiceKeepWaiting') : a.label}</button>`,
      )}
    </div>`;
  }

  private renderState() {
    const t = this.t;
    if (!this.mine || this.state === 'sent') return nothing;
    if (this.state === 'failed')
      return html`<div class="meta failed" role="alert">
        ${t('notSent')}<button class="link" type="button" @click=${() => this.fire('phx-retry')}>${t('retry')}</button>
      </div>`;
    return html`<div class="meta" role=${this.state === 'limited' ? 'status' : nothing}>${t(this.state === 'queued' ? 'queued' : this.state === 'limited' ? 'tooFast' : 'sending')}</div>`;
  }
}

/**
 * Initials in a coloured circle; the name is read out by the name line, so the circle is decorative.
 * The colour goes through the CSSOM (`.style`), not a style attribute, which a host page's CSP may forbid.
 */
export function avatarCircle(name: string) {
  return html`<span class="avatar" aria-hidden="true" .style=${`background:hsl(${avatarHue(name)} 55% 42%)`}>${initials(name)}</span>`;
}

/** Formatted spans as templates: the text is always a text node (never HTML); links found inside each span. */
function spans(list: Span[]) {
  return list.map((s) => {
    const text = linkify(s.text).map((p) => (p.href ? html`<a href=${p.href} target="_blank" rel="noopener noreferrer nofollow">${p.text}</a>` : p.text));
    const em = s.italic ? html`<em>${text}</em>` : text;
    return s.bold ? html`<strong>${em}</strong>` : em;
  });
}
