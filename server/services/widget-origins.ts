// The organization's widget setting `allowedOrigins` (Integrations): the sites whose pages may
// run its widget. Enforced on every widget route and on the visitor socket (issue 15 item 4), so
// a copied widget key or a stolen visitor token does not work from another site's pages.
//
// - An empty list means any site (the default: a new organization's widget works everywhere).
// - This server's own origins (PUBLIC_URL's, and the one addressed) are always allowed: the /demo page.
// - No Origin header is allowed. Browsers send Origin on every cross-origin fetch, XHR and
//   WebSocket, and a page cannot remove it, so a foreign page is always seen; requests without
//   one come from the same origin (a same-origin GET has none) or from outside a browser
//   (server-to-server, curl), where Origin could be forged anyway: refusing them would protect
//   nothing and break server-side integrations.
import type { Config } from '../config';
import type { OrganizationDoc } from '../db/types';
import { AppError } from '../errors';
import { VISITOR_ERROR_REASONS } from '../../shared/protocol/messages';

/** Where a request comes from: its Origin header (null when none) and the URL it was addressed to. */
export interface RequestOrigin {
  origin: string | null;
  url: string;
}

export const requestOrigin = (request: Request): RequestOrigin => ({ origin: request.headers.get('origin'), url: request.url });

/** Whether a page at `from.origin` may use `org`'s widget. */
export function widgetOriginAllowed(config: Pick<Config, 'publicUrl'>, org: Pick<OrganizationDoc, 'widget'>, from: RequestOrigin): boolean {
  const { origin } = from;
  if (origin === null) return true;
  const allowed = org.widget?.allowedOrigins ?? [];
  if (allowed.length === 0) return true;
  // Stored origins are normalized (lowercase, no default port: org-settings.ts); browsers send them the same way.
  return allowed.includes(origin.toLowerCase()) || [new URL(config.publicUrl).origin, new URL(from.url).origin].includes(origin);
}

/** The 403 a refused page gets: it names the origin and where to allow it. */
export const originNotAllowed = (origin: string) =>
  new AppError(
    'FORBIDDEN',
    `This site (${origin}) may not use this chat widget: add it under Integrations → Widget → "Allowed websites" in the Phoenix console`,
    undefined,
    { reason: VISITOR_ERROR_REASONS.originNotAllowed, origin },
  );

export function requireWidgetOrigin(config: Pick<Config, 'publicUrl'>, org: Pick<OrganizationDoc, 'widget'>, request: Request): void {
  const from = requestOrigin(request);
  if (!widgetOriginAllowed(config, org, from)) throw originNotAllowed(from.origin!);
}
