// Invitations: an admin invites an e-mail address with a role and teams; accepting creates the
// member. The token travels only in the e-mail; the database keeps its SHA-256.
//
// Decisions:
// - "Pending" means neither accepted nor revoked; expired invitations stay in the list (the DTO
//   carries expiresAt) so an admin sees who never answered and can invite again.
// - Inviting an address that already has a pending invitation in this organization resends that
//   invitation (same id): the role becomes the new one, the teams too when given (omitted: kept),
//   the expiry starts again, and the e-mail carries a new link while every earlier link keeps
//   working — support teams resend because the first mail got lost, and the person may find it
//   after all. Both the console and /api/v1/invitations behave so.
// - Revoking follows the same rule as inviting: an admin cannot touch an owner's invitation.
// - Teams deleted between invitation and acceptance are dropped, not an error.
import type { InvitationDto } from '../../shared/types/dto';
import type { Role } from '../../shared/types/enums';
import type { AppContext } from '../context';
import { canGrantRole, canManageOrg } from '../domain/permissions';
import { AppError, badRequest, conflict, forbidden, notFound } from '../errors';
import type { OrganizationDoc } from '../db/types';
import type { UserDoc } from '../db/types';
import { actorOf, objectId } from './access';
import { randomToken, sha256 } from './crypto';
import { toInvitationDto } from './mappers';
import { isDuplicateKey, normalizeEmail } from './organizations';
import { hashPassword } from './passwords';
import type { AgentAuth } from './sessions';
import { resolveOrgTeamIds } from './teams';

export const INVITATION_TTL_MS = 7 * 86_400_000;

const ROLE_LABEL: Record<Role, string> = { owner: 'an owner', admin: 'an admin', supervisor: 'a supervisor', agent: 'an agent' };

/** Header-safe, single line: names end up in the subject. */
const oneLine = (value: string): string => value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

export async function createInvitation(
  ctx: AppContext,
  auth: AgentAuth,
  input: { email: string; role: Role; teamIds?: string[] },
): Promise<InvitationDto> {
  const actor = actorOf(auth.user);
  if (!canManageOrg(actor)) throw forbidden('Only admins can invite members');
  if (!canGrantRole(actor, input.role)) throw forbidden('Only owners can invite an owner');
  const orgId = auth.org._id;
  const email = normalizeEmail(input.email);
  const teamIds = await resolveOrgTeamIds(ctx, orgId, input.teamIds ?? [], 'body.teamIds');
  if (await ctx.repos.crossOrg.emailTaken(email)) throw conflict('An account with this e-mail already exists', 'body.email');
  ctx.limiter.hit(`invite-org:${orgId.toString()}`, 100, 3_600_000);

  const token = randomToken(32);
  const tokenHash = sha256(token);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const invitations = ctx.repos.forOrg(orgId).invitations;
  const mail = (): Promise<void> => sendInvitationMail(ctx, auth, { email, role: input.role, token, expiresAt });

  const pending = await invitations.pendingFor(email);
  if (pending) {
    // An admin may not rewrite an owner's invitation, as they may not revoke it.
    if (!canGrantRole(actor, pending.role)) throw forbidden('Only owners can resend an owner’s invitation');
    const resent = await invitations.resend(pending._id, { role: input.role, ...(input.teamIds !== undefined ? { teamIds } : {}), expiresAt, tokenHash });
    if (!resent) throw conflict('This invitation was accepted or revoked meanwhile; invite again', 'body.email');
    try {
      await mail();
    } catch (err) {
      await invitations.undoResend(pending, tokenHash);
      throw mailFailed(ctx, err, orgId.toString());
    }
    return toInvitationDto(resent);
  }

  const invitation = await invitations.insert({
    email,
    role: input.role,
    teamIds,
    tokenHash,
    invitedBy: auth.user._id,
    expiresAt,
    createdAt: now,
  });
  try {
    await mail();
  } catch (err) {
    await invitations.deleteOne({ _id: invitation._id });
    throw mailFailed(ctx, err, orgId.toString());
  }
  return toInvitationDto(invitation);
}

function mailFailed(ctx: AppContext, err: unknown, orgId: string): AppError {
  ctx.log.error('invitation e-mail failed', { err, orgId });
  return new AppError('UNAVAILABLE', 'The invitation e-mail could not be sent; try again later');
}

async function sendInvitationMail(ctx: AppContext, auth: AgentAuth, inv: { email: string; role: Role; token: string; expiresAt: Date }): Promise<void> {
  const link = `${ctx.config.publicUrl}/accept?token=${encodeURIComponent(inv.token)}`;
  const orgName = oneLine(auth.org.name);
  await ctx.mailer.send({
    to: inv.email,
    subject: `${oneLine(auth.user.name)} invited you to ${orgName} on Phoenix Chat`,
    text:
      `Hi,\n\n${oneLine(auth.user.name)} invited you to join ${orgName} on Phoenix Chat as ${ROLE_LABEL[inv.role]}.\n\n` +
      `Open this link to create your account (it works until ${inv.expiresAt.toUTCString()}):\n\n${link}\n\n` +
      `If you weren't expecting this, you can ignore this e-mail.`,
  });
}

export async function listInvitations(ctx: AppContext, auth: AgentAuth): Promise<InvitationDto[]> {
  if (!canManageOrg(actorOf(auth.user))) throw forbidden('Only admins can see invitations');
  const items = await ctx.repos.forOrg(auth.org._id).invitations.pending();
  return items.map(toInvitationDto);
}

export async function revokeInvitation(ctx: AppContext, auth: AgentAuth, id: string): Promise<void> {
  const actor = actorOf(auth.user);
  if (!canManageOrg(actor)) throw forbidden('Only admins can revoke invitations');
  const invitations = ctx.repos.forOrg(auth.org._id).invitations;
  const inv = await invitations.findOne({ _id: objectId(id, 'Invitation'), revokedAt: null });
  if (!inv) throw notFound('Invitation');
  if (!canGrantRole(actor, inv.role)) throw forbidden('Only owners can revoke an owner’s invitation');
  if (!(await invitations.revoke(inv._id, ctx.clock.now()))) throw conflict('This invitation has already been accepted');
}

const invalidToken = () => badRequest('This invitation is invalid, expired or already used', 'body.token');

export async function lookupInvitation(ctx: AppContext, token: string): Promise<{ email: string; orgName: string; role: Role }> {
  const inv = await ctx.repos.crossOrg.pendingInvitationByTokenHash(sha256(token), ctx.clock.now());
  if (!inv) throw notFound('Invitation');
  const org = await ctx.repos.forOrg(inv.orgId).organization.findOne<Pick<OrganizationDoc, '_id' | 'name'>>({}, { projection: { name: 1 } });
  if (!org) throw notFound('Invitation');
  return { email: inv.email, orgName: org.name, role: inv.role };
}

/**
 * Takes the invitation with one conditional update (of two parallel accepts exactly one wins),
 * then creates the member; if that fails the invitation is handed back, so a retry can work.
 */
export async function acceptInvitation(
  ctx: AppContext,
  input: { token: string; name: string; password: string },
): Promise<{ user: UserDoc; org: OrganizationDoc }> {
  const tokenHash = sha256(input.token);
  // The schema refused a blank name; stored trimmed.
  const name = input.name.trim();
  const pending = await ctx.repos.crossOrg.pendingInvitationByTokenHash(tokenHash, ctx.clock.now());
  if (!pending) throw invalidToken();
  if (await ctx.repos.crossOrg.emailTaken(pending.email)) throw conflict('An account with this e-mail already exists');
  const repos = ctx.repos.forOrg(pending.orgId);
  const org = await repos.organization.findOne();
  if (!org) throw invalidToken();
  // Hashing is slow: do it before taking the invitation so the taken-but-no-user window is short.
  const passwordHash = await hashPassword(ctx.config, input.password);

  const now = ctx.clock.now();
  const taken = await repos.invitations.take(pending._id, tokenHash, now);
  if (!taken) throw invalidToken();

  let user: UserDoc;
  try {
    user = await repos.members.insert({
      email: taken.email,
      name,
      passwordHash,
      role: taken.role,
      teamIds: await repos.teams.idsAmong(taken.teamIds ?? []),
      createdAt: now,
    });
  } catch (err) {
    await repos.invitations.handBack(taken._id, now);
    if (isDuplicateKey(err)) throw conflict('An account with this e-mail already exists');
    throw err;
  }

  const orgId = org._id.toString();
  await ctx.bus.publish({ kind: 'user.changed', orgId, userId: user._id.toString() });
  for (const teamId of user.teamIds ?? []) await ctx.bus.publish({ kind: 'team.changed', orgId, teamId: teamId.toString() });
  return { user, org };
}
