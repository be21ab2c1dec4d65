// One small form for the visitor: the team's pre-chat questions, or the offline form ("Leave a
// message"). It only renders fields and the server's sentences next to them; what is sent and
// what the answers mean is the chat controller's.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Translate } from '../../internal/strings';
import { visitorFormStyles } from './visitor-form.styles';

export interface FormField {
  /** The key of the answer (and of the server's `field`, after its prefix). */
  name: string;
  label: string;
  kind: 'text' | 'email' | 'tel' | 'textarea';
  required: boolean;
  autocomplete?: string;
}

export class VisitorFormElement extends LitElement {
  static override styles = visitorFormStyles;
  static override properties = {
    heading: { attribute: false },
    intro: { attribute: false },
    submitLabel: { attribute: false },
    cancelLabel: { attribute: false },
    fields: { attribute: false },
    errors: { attribute: false },
    formError: { attribute: false },
    busy: { type: Boolean },
    t: { attribute: false },
  };

  declare heading: string;
  declare intro: string;
  declare submitLabel: string;
  /** Shown as a second button when set (phx-cancel). */
  declare cancelLabel: string;
  declare fields: FormField[];
  /** The server's sentence per field name. */
  declare errors: Record<string, string>;
  declare formError: string;
  declare busy: boolean;
  declare t: Translate;

  constructor() {
    super();
    this.heading = '';
    this.intro = '';
    this.submitLabel = '';
    this.cancelLabel = '';
    this.fields = [];
    this.errors = {};
    this.formError = '';
    this.busy = false;
  }

  /** Focuses the first field the server refused (or the first field). */
  focusFirst(): void {
    const bad = this.fields.find((f) => this.errors[f.name]);
    const el = this.renderRoot.querySelector<HTMLInputElement>(`[name="${CSS.escape((bad ?? this.fields[0])?.name ?? '')}"]`);
    el?.focus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A refusal moves focus to the field it names, so keyboard and screen-reader users land on it.
    if (changed.has('errors') && Object.keys(this.errors).length > 0) this.focusFirst();
  }

  /** Typing into a refused field takes its sentence away: it described the old value. */
  private onInput(e: Event): void {
    const name = (e.target as HTMLInputElement).name;
    if (!this.errors[name]) return;
    const { [name]: _fixed, ...rest } = this.errors;
    this.errors = rest;
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const values: Record<string, string> = {};
    for (const f of this.fields) values[f.name] = (form.elements.namedItem(f.name) as HTMLInputElement | null)?.value ?? '';
    this.dispatchEvent(new CustomEvent('phx-submit', { detail: values, bubbles: true, composed: true }));
  }

  override render() {
    return html`<form novalidate @submit=${this.onSubmit} @input=${this.onInput} aria-labelledby="phx-form-title">
      <h3 id="phx-form-title">${this.heading}</h3>
      ${this.intro ? html`<p class="intro">${this.intro}</p>` : nothing}
      ${this.fields.map((f) => this.renderField(f))}
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      <div class="actions">
        <button class="submit" type="submit" ?disabled=${this.busy}>${this.submitLabel}</button>
        ${this.cancelLabel
          ? html`<button class="cancel" type="button" @click=${() => this.dispatchEvent(new CustomEvent('phx-cancel', { bubbles: true, composed: true }))}>${this.cancelLabel}</button>`
          : nothing}
      </div>
    </form>`;
  }

  private renderField(f: FormField) {
    const id = `phx-f-${f.name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
    const error = this.errors[f.name];
    const label = html`<label for=${id}>${f.label}${f.required ? html`<span class="req" aria-hidden="true"> *</span>` : html` <span class="opt">(${this.t('optional')})</span>`}</label>`;
    return html`<div class="field ${error ? 'bad' : ''}">
      ${label}
      ${f.kind === 'textarea'
        ? html`<textarea id=${id} name=${f.name} rows="4" ?required=${f.required} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-err` : nothing}></textarea>`
        : html`<input
            id=${id}
            name=${f.name}
            type=${f.kind}
            autocomplete=${f.autocomplete ?? 'on'}
            ?required=${f.required}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? `${id}-err` : nothing}
          />`}
      ${error ? html`<p class="error" id="${id}-err">${error}</p>` : nothing}
    </div>`;
  }
}
