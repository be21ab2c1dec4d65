// The forms before a chat (issue 18.2, 18.3): the team's pre-chat questions, and the offline form
// while the team is away. The server checks every answer and names the refused field; its
// sentence is shown next to that field. Which form shows is decided from the widget config
// (re-read on reconnect and every minute, so it follows the team's hours) and the session.
import type { ReactiveControllerHost } from 'lit';
import type { ChatDto } from '../../shared/types/dto';
import type { Session } from './session';
import { ApiError, type WidgetApi } from '../internal/api';
import { readJson, writeJson } from '../internal/storage';
import { errorSentence } from '../internal/errors';
import type { Translate } from '../internal/strings';
import type { FormField } from '../components/visitor-form/visitor-form';

export interface VisitorFormsOptions {
  org: string;
  api: WidgetApi;
  session: Pick<Session, 'config' | 'token' | 'identified'>;
  /** The offline message became this chat: show it. */
  adopt(chat: ChatDto): void;
}

const prechatKey = (org: string): string => `phoenix-chat:${org}:prechat`;

export class VisitorForms {
  errors: Record<string, string> = {};
  formError = '';
  busy = false;
  /** Where the answer to the offline message goes (shown under it for this page view). */
  sentTo: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: VisitorFormsOptions,
  ) {}

  /** Answered by this visitor (their token) already: not asked again. */
  private get prechatDone(): boolean {
    const token = this.opts.session.token;
    return token !== null && readJson<string>(prechatKey(this.opts.org)) === token;
  }

  /** The visitor chose "Leave a message": the offline form replaces the composer. */
  offlineOpen = false;

  /**
   * What shows while there is no open chat. Away: an offer of the offline form beside the
   * composer (writing into a chat that waits for the opening stays possible), the form once
   * chosen. Otherwise the pre-chat form, in place of the composer, until it is answered.
   */
  which(hasOpenChat: boolean): 'offer' | 'offline' | 'prechat' | null {
    const config = this.opts.session.config;
    if (hasOpenChat || !config) return null;
    if (config.team.offline) return this.offlineOpen ? 'offline' : 'offer';
    if (config.team.prechat?.length && !this.opts.session.identified && !this.prechatDone) return 'prechat';
    return null;
  }

  prechatFields(t: Translate): FormField[] {
    return (this.opts.session.config?.team.prechat ?? []).map((f) => ({
      name: f.field,
      label: f.label || t('name'),
      kind: f.field === 'email' ? 'email' : f.field === 'phone' ? 'tel' : 'text',
      required: f.required,
      autocomplete: f.field === 'email' ? 'email' : f.field === 'phone' ? 'tel' : f.field === 'name' ? 'name' : 'off',
    }));
  }

  offlineFields(t: Translate): FormField[] {
    return [
      { name: 'email', label: t('yourEmail'), kind: 'email', required: true, autocomplete: 'email' },
      { name: 'name', label: t('yourName'), kind: 'text', required: false, autocomplete: 'name' },
      { name: 'message', label: t('yourMessage'), kind: 'textarea', required: true },
    ];
  }

  setOfflineOpen(open: boolean): void {
    this.offlineOpen = open;
    this.errors = {};
    this.formError = '';
    this.host.requestUpdate();
  }

  async submitPrechat(values: Record<string, string>, t: Translate): Promise<void> {
    await this.run(t, 'body.values.', async () => {
      await this.opts.api.prechat(this.opts.session.config?.team.id ?? null, values);
      const token = this.opts.session.token;
      if (token) writeJson(prechatKey(this.opts.org), token);
    });
  }

  async submitOffline(values: Record<string, string>, t: Translate): Promise<void> {
    await this.run(t, 'body.', async () => {
      const chat = await this.opts.api.offlineMessage({
        teamId: this.opts.session.config?.team.id ?? null,
        email: values.email ?? '',
        ...(values.name?.trim() ? { name: values.name.trim() } : {}),
        message: values.message ?? '',
      });
      this.sentTo = values.email?.trim() ?? null;
      this.offlineOpen = false;
      this.opts.adopt(chat);
    });
  }

  private async run(t: Translate, prefix: string, send: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.errors = {};
    this.formError = '';
    this.host.requestUpdate();
    try {
      await send();
    } catch (e) {
      // The server's sentence goes next to the field it names; anything else above the button.
      const field = e instanceof ApiError && e.field?.startsWith(prefix) ? e.field.slice(prefix.length) : null;
      if (field && e instanceof ApiError) this.errors = { [field]: e.message };
      else this.formError = errorSentence(e, t);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
