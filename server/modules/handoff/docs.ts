// OpenAPI metadata shared by the v1 route files: tag names and the security requirement.
export const V1_TAGS = {
  chats: 'v1 · chats',
  contacts: 'v1 · contacts',
  members: 'v1 · teams and members',
  loginLinks: 'v1 · login links',
  files: 'v1 · files',
} as const;

/** Every v1 operation needs the API key (and, for keys that require it, a signature). */
export const v1Security = [{ apiKey: [] as string[] }];
