// The bot platform's enrollment API under /api/platform/v1 (issue 16): one platform credential
// enrolls whole organizations — the organization, its owner and members with the password hashes
// the platform already stores, an API key and the webhook. Everything after enrollment goes
// through the organization's own API key (/api/v1).
import { t, email, id, isoDate, nonBlankName, nullable, oneOf, strict, type Static } from './common';
import { personName } from './members';
import { ROLES } from '../types/enums';
import { NAME_MAX, TEAM_NAME_MAX } from '../types/limits';

export const PLATFORM_LIMITS = { members: 500, teamsPerMember: 50 } as const;

export const platformOrgParams = t.Object(
  {
    externalAccountId: t.String({
      minLength: 1,
      maxLength: 128,
      pattern: '^[A-Za-z0-9._:-]+$',
      description: 'The organization’s account id on the bot platform; enrolling again with it updates the same organization',
    }),
  },
  strict,
);

const passwordHash = t.String({
  minLength: 20,
  maxLength: 512,
  description: 'The hash the platform stores: bcrypt ($2a$, $2b$, $2y$) or argon2 ($argon2id$, $argon2i$, $argon2d$). Never a plain password.',
});

export const platformMemberInput = t.Object(
  {
    email,
    name: personName,
    passwordHash,
    role: t.Optional(oneOf(ROLES, { description: 'Default agent (owner for `owner`)' })),
    teams: t.Optional(
      t.Array(nonBlankName(TEAM_NAME_MAX), {
        maxItems: PLATFORM_LIMITS.teamsPerMember,
        description: 'Team names (created when missing). New members without teams join the default team (Inbox); given on an update, they replace the member’s teams.',
      }),
    ),
  },
  strict,
);

export const platformEnrollBody = t.Object(
  {
    name: nonBlankName(NAME_MAX.org, { description: 'Organization name' }),
    timezone: t.Optional(t.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, default UTC' })),
    owner: t.Omit(platformMemberInput, ['role']),
    members: t.Optional(t.Array(platformMemberInput, { maxItems: PLATFORM_LIMITS.members })),
    webhookUrl: t.Optional(nullable(t.String({ maxLength: 2000, description: 'Where chat.assigned, message.created and chat.ended go; null removes it' }))),
    rotateApiKey: t.Optional(t.Boolean({ description: 'Issue a new API key (the previous enrollment key stops working)' })),
    rotateWebhookSecret: t.Optional(t.Boolean({ description: 'Issue a new webhook signing secret' })),
  },
  strict,
);

export const platformMembersBody = t.Object({ members: t.Array(platformMemberInput, { minItems: 1, maxItems: PLATFORM_LIMITS.members }) }, strict);

// ---- answers --------------------------------------------------------------------------------

export const platformMemberSchema = t.Object({
  id,
  email: t.String(),
  name: t.String(),
  role: oneOf(ROLES),
  teams: t.Array(t.String()),
  active: t.Boolean(),
  created: t.Boolean({ description: 'Imported by this call (false: it existed; its password was left alone)' }),
});

export const platformOrgSchema = t.Object(
  {
    id,
    externalAccountId: t.String(),
    name: t.String(),
    timezone: t.String(),
    widgetKey: t.String({ description: 'The public key of the embed snippet' }),
    disabled: t.Boolean(),
    createdAt: isoDate,
  },
  { title: 'PlatformOrganization' },
);

export const platformEnrollResponse = t.Object(
  {
    organization: platformOrgSchema,
    created: t.Boolean({ description: 'This call created the organization' }),
    apiKey: nullable(
      t.Object({ id, prefix: t.String(), key: t.String({ description: 'Shown once' }) }),
      { description: 'A new API key (first enrollment or rotateApiKey); null otherwise' },
    ),
    webhook: t.Object({
      url: nullable(t.String()),
      hasSecret: t.Boolean(),
      secret: t.Optional(t.String({ description: 'Present only when this call generated it' })),
    }),
    members: t.Array(platformMemberSchema),
  },
  { title: 'PlatformEnrollment' },
);

export const platformMembersResponse = t.Object({ members: t.Array(platformMemberSchema) }, { title: 'PlatformMembers' });

export type PlatformMemberInput = Static<typeof platformMemberInput>;
export type PlatformEnrollInput = Static<typeof platformEnrollBody>;
export type PlatformEnrollDto = Static<typeof platformEnrollResponse>;
export type PlatformMemberDto = Static<typeof platformMemberSchema>;
export type PlatformOrgDto = Static<typeof platformOrgSchema>;
