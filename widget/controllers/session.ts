// Who the visitor is to the server: the widget config (cached, so a known site can chat while the
// config route is down) and the visitor token, kept in localStorage so every tab and every reload
// is the same visitor. A token the server does not return as-is means another visitor: the chat
// controller is told, so nothing of the old one carries over.
import type { WidgetConfigDto } from '../../shared/types/dto';
import type { WidgetApi } from '../internal/api';
import { configKey, patchState, readJson, readState, writeJson } from '../internal/storage';

export interface SessionOptions {
  org: string;
  team: string | null;
  /** Read on every session call: `identify()` changes them in place. */
  userId: string | null;
  userHash: string | null;
  /** The widget's language: the config's texts are this language's, and the server stores it for its automatic messages. */
  locale?: string | null;
  config: WidgetConfigDto | null;
  onEvent(name: string, detail: unknown): void;
}

export class Session {
  config: WidgetConfigDto | null;
  token: string | null = null;
  /** The site vouched for this visitor (identity hash): they are never asked the pre-chat form. */
  identified = false;

  constructor(
    private readonly api: WidgetApi,
    private readonly opts: SessionOptions,
    /** Called before the new token is adopted, when the server answered with another visitor. */
    private readonly onNewVisitor: () => void,
  ) {
    this.config = opts.config ?? readJson<WidgetConfigDto>(configKey(opts.org, opts.team));
  }

  async loadConfig(): Promise<void> {
    try {
      const config = await this.api.config(this.opts.org, this.opts.team, this.opts.locale);
      this.config = config;
      writeJson(configKey(this.opts.org, this.opts.team), config);
      this.opts.onEvent('config', config);
    } catch (e) {
      // A cached config is good enough to chat; without one we cannot even name the team.
      if (!this.config) throw e;
    }
  }

  async ensure(): Promise<void> {
    const { org, userId, userHash } = this.opts;
    const stored = readState(org);
    const session = await this.api.session({
      org,
      ...(stored.token ? { token: stored.token } : {}),
      ...(userId && userHash ? { userId, userHash } : {}),
      visitor: {
        pageUrl: location.href.slice(0, 2000),
        referrer: document.referrer.slice(0, 2000) || null,
        browser: navigator.userAgent.slice(0, 500),
        language: navigator.language || null,
        locale: this.opts.locale ?? null,
      },
    });
    if (session.token !== stored.token) {
      // A different visitor (first visit, refused token, or identity switch): nothing of the old one carries over.
      patchState(org, { token: session.token, chatId: undefined, ended: undefined, lastReadSeq: undefined });
      this.onNewVisitor();
    }
    this.token = session.token;
    this.identified = session.identified;
  }

  /**
   * The token was refused, revoked or expired: the next `ensure()` makes a new visitor — unless
   * another tab already stored a newer token (an identification there rotated this one), which
   * is then resumed instead of being thrown away too.
   */
  forget(): void {
    const refused = this.token;
    this.token = null;
    if (readState(this.opts.org).token === refused) patchState(this.opts.org, { token: undefined });
  }
}
