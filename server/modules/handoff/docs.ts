// OpenAPI metadata shared by the v1 route files: tag names and the security requirement.
export const V1_TAGS = {
  chats: 'v1 · chats',
  contacts: 'v1 · contacts',
  members: 'v1 · teams and members',
  loginLinks: 'v1 · login links',
  files: 'v1 · files',
  webhooks: 'v1 · webhooks',
} as const;

/** Every v1 operation needs the API key (and, for keys that require it, a signature). */
export const v1Security = [{ apiKey: [] as string[] }];

/**
 * The /api/v1 part of the OpenAPI introduction (server/modules/docs/document.ts): how a bot
 * authenticates, signs, retries and reads its limits. Kept beside the routes it describes.
 */
export const V1_API_DESCRIPTION = `AUTHENTICATION (v1)
Send an organization API key (created by an admin under Manage → Integrations) as
  Authorization: Bearer <key>
A key acts with its creator's current rights and only within its scopes, chosen when it is created (default: all):
  chats        /api/v1/chats… and /api/v1/files… (attachments)
  contacts     /api/v1/contacts…
  members      /api/v1/teams (read), /api/v1/members, /api/v1/invitations
  login-links  /api/v1/login-links
  webhooks     /api/v1/webhook… (the webhook's URL, events, secret and delivery log)
A route outside the key's scopes answers 403 with code SCOPE_MISSING and details.scope naming the scope.

RATE LIMITS
Keys are rate-limited per key (600 requests per minute unless set otherwise, fixed one-minute windows). Every answer to a valid key carries
  X-RateLimit-Limit: requests allowed per window
  X-RateLimit-Remaining: requests left in the current window
  X-RateLimit-Reset: Unix time in seconds at which the window ends
Past the limit the answer is 429 with Retry-After (seconds).

SIGNED REQUESTS (optional; required for keys created as "signature required")
  X-Phoenix-Timestamp: Unix time in seconds (or 13-digit milliseconds)
  X-Phoenix-Signature: hex(HMAC-SHA256(key = the API key, message = METHOD + "\\n" + pathWithQuery + "\\n" + timestamp + "\\n" + rawBody))
METHOD is the HTTP method in upper case. pathWithQuery is the request target as the WHATWG URL parser serialises it: the path and, when there is a query, "?" and the query exactly as sent (e.g. /api/v1/chats/abc/messages?afterSeq=3; no scheme, host or fragment). rawBody is the exact request body as sent (empty for GET and bodiless POST). "\\n" is one line feed (0x0A). The timestamp must be within 300 seconds of the server's clock, and each signature is accepted once: a replay of the same signed request is a 401, while different requests signed in the same second all pass.

IDEMPOTENCY
Every POST accepts an Idempotency-Key header (1–255 visible ASCII characters, per API key). The first successful (2xx) answer is kept for 24 hours: a retry with the same key, method, path and body gets that answer again (same status and body, header Idempotent-Replayed: true) and nothing is done twice. The same key with another method, path or body is a 409 IDEMPOTENCY_CONFLICT (field headers.idempotency-key), as is a retry while the first request is still running. A refused or failed request keeps nothing: retry it with the same key.
Reused ids are conflicts too: a handoffId already used for another contact (botUserId, channel) is a 409 IDEMPOTENCY_CONFLICT with field body.contact; a clientId already used with another text is a 409 IDEMPOTENCY_CONFLICT with field body.clientId. The same handoffId for the same contact, or the same clientId with the same text, answers 200 with what was created first.

LOGIN LINKS
A login link works once, for 60 seconds. Redeeming one that was already used answers 410 LOGIN_LINK_USED; one past its time 410 LOGIN_LINK_EXPIRED. Either way, mint a new link.

INVITATIONS
Inviting an address that already has a pending invitation resends that invitation: same id, the role given, the teams given (omitted: kept), a fresh 7-day expiry, and a new link by e-mail; the links sent before keep working until one of them is accepted.`;
