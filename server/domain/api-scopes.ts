// Which API key scope each /api/v1 route needs, decided by its path so a route added later
// under a known prefix is covered without remembering to declare it. A path no rule knows
// needs a scope no key can have: a new area of the API stays closed until it is given one.
import { API_KEY_SCOPES, type ApiKeyScope } from '../../shared/contract/integrations';

export { API_KEY_SCOPES, type ApiKeyScope };

/** First match wins; `prefix` matches itself and anything below it (`/chats` and `/chats/…`). */
const RULES: readonly { prefix: string; scope: ApiKeyScope }[] = [
  { prefix: '/api/v1/chats', scope: 'chats' },
  // Attachments of the organization's chats.
  { prefix: '/api/v1/files', scope: 'chats' },
  { prefix: '/api/v1/attachments', scope: 'chats' },
  { prefix: '/api/v1/contacts', scope: 'contacts' },
  // Reading teams belongs with provisioning members into them.
  { prefix: '/api/v1/teams', scope: 'members' },
  { prefix: '/api/v1/members', scope: 'members' },
  { prefix: '/api/v1/invitations', scope: 'members' },
  { prefix: '/api/v1/login-links', scope: 'login-links' },
  // The webhook's URL, events, secret and delivery log.
  { prefix: '/api/v1/webhook', scope: 'webhooks' },
];

/** The scope a request to `pathname` needs; null when no rule covers it (refused). */
export function scopeForPath(pathname: string): ApiKeyScope | null {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  for (const rule of RULES) {
    if (path === rule.prefix || path.startsWith(`${rule.prefix}/`)) return rule.scope;
  }
  return null;
}

/** The scopes a stored key has: keys created before scopes existed have all of them. */
export function scopesOf(key: { scopes?: readonly string[] | null }): ApiKeyScope[] {
  if (key.scopes === undefined || key.scopes === null) return [...API_KEY_SCOPES];
  return API_KEY_SCOPES.filter((s) => key.scopes!.includes(s));
}
