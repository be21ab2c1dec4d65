// The composer: Enter sends, Shift+Enter (or IME composition) inserts a new line. Files are
// checked and uploaded as soon as they are picked, dropped or pasted (UploadController), so
// errors show before sending and the progress bar tracks the real XHR upload.
// Emits phx-send {text, attachments} and phx-typing {empty}.
import { html, LitElement, nothing } from 'lit';
import { UploadController, type Uploader } from '../../controllers/uploads';
import { ACCEPT } from '../../internal/files';
import type { Translate } from '../../internal/strings';
import { composerStyles } from './chat-composer.styles';

export class ChatComposerElement extends LitElement {
  static override styles = composerStyles;
  static override properties = {
    t: { attribute: false },
    uploader: { attribute: false },
    maxBytes: { attribute: false },
    draft: { state: true },
  };

  declare t: Translate;
  declare uploader: Uploader | null;
  /** The server's UPLOAD_MAX_BYTES (widget config); the built-in 20 MB until it is known. */
  declare maxBytes: number | undefined;
  declare draft: string;
  private readonly uploads: UploadController;

  constructor() {
    super();
    this.draft = '';
    this.uploader = null;
    this.uploads = new UploadController(
      this,
      () => this.uploader,
      () => this.t,
      () => this.maxBytes,
    );
    this.addEventListener('dragover', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      this.classList.add('dragging');
    });
    this.addEventListener('dragleave', () => this.classList.remove('dragging'));
    this.addEventListener('drop', (e) => {
      this.classList.remove('dragging');
      if (!e.dataTransfer?.files.length) return;
      e.preventDefault();
      this.uploads.add(e.dataTransfer.files);
    });
  }

  override focus(): void {
    this.textarea?.focus();
  }

  private get textarea(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('textarea');
  }

  private get canSend(): boolean {
    return !this.uploads.busy && (this.draft.trim().length > 0 || this.uploads.ready.length > 0);
  }

  private send(): void {
    if (!this.canSend) return;
    this.dispatchEvent(
      new CustomEvent('phx-send', {
        detail: { text: this.draft, attachments: this.uploads.ready },
        bubbles: true,
        composed: true,
      }),
    );
    this.draft = '';
    this.uploads.clear();
    this.resize();
  }

  private onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.send();
    }
  }

  private onInput(e: Event): void {
    this.draft = (e.target as HTMLTextAreaElement).value;
    this.resize();
    this.dispatchEvent(new CustomEvent('phx-typing', { detail: { empty: !this.draft.trim() }, bubbles: true, composed: true }));
  }

  private onPaste(e: ClipboardEvent): void {
    const files = e.clipboardData?.files;
    if (files?.length) {
      e.preventDefault();
      this.uploads.add(files);
    }
  }

  private onPick(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.files?.length) this.uploads.add(input.files);
    input.value = '';
    this.focus();
  }

  /** Grow with the text up to max-height, then scroll. */
  private resize(): void {
    const ta = this.textarea;
    if (!ta) return;
    requestAnimationFrame(() => {
      ta.style.height = 'auto';
      ta.style.height = `${Math.min(ta.scrollHeight - 16, 140)}px`;
    });
  }

  override render() {
    const t = this.t;
    const { items, problems } = this.uploads;
    return html`
      ${problems.length ? html`<ul class="problems" role="alert">${problems.map((p) => html`<li>${p}</li>`)}</ul>` : nothing}
      ${items.length
        ? html`<ul class="uploads">
            ${items.map(
              (u) => html`<li class="chip ${u.state === 'error' ? 'error' : ''}">
                <span class="fname">${u.name}${u.state === 'error' ? html` — ${u.error}` : nothing}</span>
                <button type="button" aria-label=${t('removeFile', { name: u.name })} @click=${() => this.uploads.remove(u.key)}>×</button>
                ${u.state === 'uploading'
                  ? html`<progress max="100" .value=${Math.round(u.progress * 100)} aria-label=${t('uploading', { name: u.name })}></progress>`
                  : nothing}
              </li>`,
            )}
          </ul>`
        : nothing}
      <div class="row">
        <input type="file" multiple accept=${ACCEPT} @change=${this.onPick} tabindex="-1" />
        <button class="icon attach" type="button" aria-label=${t('attach')} title=${t('attach')} @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10h-1.5z"/></svg>
        </button>
        <textarea
          rows="1"
          maxlength="10000"
          aria-label=${t('placeholder')}
          placeholder=${t('placeholder')}
          .value=${this.draft}
          @input=${this.onInput}
          @keydown=${this.onKeydown}
          @paste=${this.onPaste}
        ></textarea>
        <button class="icon send" type="button" aria-label=${t('send')} title=${t('send')} ?disabled=${!this.canSend} @click=${this.send}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/></svg>
        </button>
      </div>
      ${this.uploads.busy ? html`<div class="hint" role="status">${t('waitUploads')}</div>` : nothing}
    `;
  }
}
