// Members provisioned by the bot platform: invited (the invitation e-mail goes out, the person
// chooses their password) or created directly with a password. Both act with the rights of the
// member who created the API key, so a key never grants more than its creator could.
import type { InvitationDto, MemberDto } from '../../shared/types/dto';
import type { CreateMemberInput } from '../../shared/contract/handoff';
import type { InviteInput } from '../../shared/contract/invitations';
import type { AppContext } from '../context';
import { canGrantRole } from '../domain/permissions';
import { conflict, forbidden } from '../errors';
import type { UserDoc } from '../db/types';
import { actorOf } from './access';
import { keyCreator, type ApiAuth } from './api-keys';
import { createInvitation } from './invitations';
import { toMemberDto } from './mappers';
import { isDuplicateKey, normalizeEmail } from './organizations';
import { hashPassword } from './passwords';
import { resolveOrgTeamIds } from './teams';

export async function inviteMember(ctx: AppContext, auth: ApiAuth, input: InviteInput): Promise<InvitationDto> {
  return createInvitation(ctx, await keyCreator(ctx, auth), input);
}

export async function createMember(
  ctx: AppContext,
  auth: ApiAuth,
  input: CreateMemberInput,
): Promise<MemberDto> {
  const creator = await keyCreator(ctx, auth);
  if (!canGrantRole(actorOf(creator.user), input.role)) throw forbidden('Only an owner’s API key can create owners');
  const orgId = auth.org._id;
  const repos = ctx.repos.forOrg(orgId);
  const email = normalizeEmail(input.email);
  // Blank names never get here: the schema's nonBlankName refuses them.
  const name = input.name.trim();
  const teamIds = await resolveOrgTeamIds(ctx, orgId, input.teamIds ?? [], 'body.teamIds');
  if (await ctx.repos.crossOrg.emailTaken(email)) throw conflict('An account with this e-mail already exists', 'body.email');
  const passwordHash = await hashPassword(ctx.config, input.password);
  const now = ctx.clock.now();
  let user: UserDoc;
  try {
    user = await repos.members.insert({ email, name, passwordHash, role: input.role, teamIds, createdAt: now });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('An account with this e-mail already exists', 'body.email');
    throw err;
  }
  // An invitation still pending for this address would create a second account attempt later.
  await repos.invitations.revokePendingFor(email, now);
  await ctx.bus.publish({ kind: 'user.changed', orgId: orgId.toString(), userId: user._id.toString() });
  for (const teamId of teamIds) await ctx.bus.publish({ kind: 'team.changed', orgId: orgId.toString(), teamId: teamId.toString() });
  return toMemberDto(user);
}
