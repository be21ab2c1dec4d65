// Input limits the schemas enforce and the console shows (counters, hints). Plain constants:
// console and widget may import them at runtime.

export const CONTACT_LIMITS = { tagLength: 50, tags: 100, customFields: 100, stringValue: 2000, pageSize: 100 } as const;

export const TEAM_NAME_MAX = 60;

export const TEAM_SETTINGS_LIMITS = {
  unresponsiveTimeoutSeconds: { min: 10, max: 86_400 },
  maxChatsPerAgent: { min: 1, max: 100 },
  /** Auto-resolve: minutes without a visitor reply (up to a week). */
  autoResolveMinutes: { min: 1, max: 10_080 },
  messageLength: 2000,
} as const;

export const NAME_MAX = { person: 120, org: 120 } as const;
export const PASSWORD_LIMITS = { min: 8, max: 200 } as const;
