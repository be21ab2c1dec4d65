// What the visitor can do once their chat has ended (issue 18): rate it (five star buttons and an
// optional comment) and have the transcript e-mailed (asking for the address when the chat's
// contact has none). Part of the lazily loaded panel, never of the launcher.
import { html, LitElement, nothing } from 'lit';
import type { ChatDto } from '../../../shared/types/dto';
import { request } from '../../internal/api';
import { apiUrl } from '../../internal/embed';
import { errorSentence } from '../../internal/errors';
import type { Translate } from '../../internal/strings';
import { afterEndStyles } from './chat-after-end.styles';

const STARS = [1, 2, 3, 4, 5] as const;
/** Mirrors RATING_COMMENT_MAX of shared/contract/after-end.ts (the widget imports no TypeBox). */
const COMMENT_MAX = 1000;

export class ChatAfterEndElement extends LitElement {
  static override styles = afterEndStyles;
  static override properties = {
    chat: { attribute: false },
    score: { state: true },
    comment: { state: true },
    rated: { state: true },
    asking: { state: true },
    email: { state: true },
    sentTo: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  declare chat: ChatDto | null;
  t!: Translate;
  base = '';
  token: () => string | null = () => null;
  declare score: number;
  declare comment: string;
  declare rated: boolean;
  declare asking: boolean;
  declare email: string;
  declare sentTo: string | null;
  declare error: string | null;
  declare busy: boolean;
  private chatId: string | null = null;

  constructor() {
    super();
    this.chat = null;
    this.score = 0;
    this.comment = '';
    this.rated = false;
    this.asking = false;
    this.email = '';
    this.sentTo = null;
    this.error = null;
    this.busy = false;
  }

  override willUpdate(): void {
    // Another ended chat (the visitor started and ended a new one): start over.
    if (this.chat && this.chat.id !== this.chatId) {
      this.chatId = this.chat.id;
      this.score = this.chat.rating?.score ?? 0;
      this.comment = this.chat.rating?.comment ?? '';
      this.rated = Boolean(this.chat.rating);
      this.asking = false;
      this.sentTo = null;
      this.error = null;
    }
  }

  private url(path: string): string {
    return apiUrl(this.base, `api/widget/chats/${encodeURIComponent(this.chatId ?? '')}/${path}`);
  }

  private async rate(): Promise<void> {
    if (this.score < 1 || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const comment = this.comment.trim();
      await request<ChatDto>(this.url('rating'), { method: 'POST', token: this.token(), body: { score: this.score, ...(comment ? { comment } : {}) } });
      this.rated = true;
    } catch (e) {
      this.error = errorSentence(e, this.t);
    } finally {
      this.busy = false;
    }
  }

  private async transcript(): Promise<void> {
    if (this.busy) return;
    const known = this.chat?.contact.email ?? null;
    if (!known && !this.asking) {
      this.asking = true;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[type=email]')?.focus());
      return;
    }
    const email = this.email.trim();
    if (this.asking && !email) return;
    this.busy = true;
    this.error = null;
    try {
      const sent = await request<{ sentTo: string }>(this.url('transcript'), { method: 'POST', token: this.token(), body: this.asking ? { email } : {} });
      this.sentTo = sent.sentTo;
      this.asking = false;
    } catch (e) {
      this.error = errorSentence(e, this.t);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const t = this.t;
    return html`
      <div class="rate">
        ${this.rated
          ? html`<p class="done" role="status">${t('ratingThanks')}</p>`
          : html`<p class="ask" id="phx-rate">${t('ratePrompt')}</p>
              <div class="stars" role="group" aria-labelledby="phx-rate">
                ${STARS.map(
                  (n) => html`<button
                    type="button"
                    class="star"
                    aria-label=${t('rateStars', { n: String(n) })}
                    aria-pressed=${this.score === n ? 'true' : 'false'}
                    data-on=${n <= this.score ? 'true' : 'false'}
                    @click=${() => (this.score = n)}
                  >
                    ★
                  </button>`,
                )}
              </div>
              ${this.score > 0
                ? html`<label class="comment">
                      <span>${t('rateComment')}</span>
                      <textarea rows="2" maxlength=${COMMENT_MAX} .value=${this.comment} @input=${(e: Event) => (this.comment = (e.target as HTMLTextAreaElement).value)}></textarea>
                    </label>
                    <button class="primary" type="button" ?disabled=${this.busy} @click=${() => void this.rate()}>${t('rateSend')}</button>`
                : nothing}`}
      </div>
      <div class="transcript">
        ${this.sentTo
          ? html`<p class="done" role="status">${t('transcriptSent', { email: this.sentTo })}</p>`
          : html`${this.asking
                ? html`<label class="email"
                    ><span>${t('transcriptEmail')}</span
                    ><input type="email" autocomplete="email" maxlength="254" .value=${this.email} @input=${(e: Event) => (this.email = (e.target as HTMLInputElement).value)} @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && void this.transcript()}
                  /></label>`
                : nothing}
              <button class="link" type="button" ?disabled=${this.busy} @click=${() => void this.transcript()}>${t('transcriptButton')}</button>`}
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }
}
