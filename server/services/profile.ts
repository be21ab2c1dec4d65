// The signed-in member's own settings (PATCH /api/me). Admin-only fields (role, teams, active,
// max concurrent chats) live in services/members.ts.
import type { ProfilePatch } from '../../shared/types/dto';
import type { AppContext } from '../context';
import { verifyPassword } from './passwords';
import { badRequest, conflict } from '../errors';
import type { UserDoc } from '../db/types';
import { isDuplicateKey, normalizeEmail } from './organizations';
import type { AgentAuth } from './sessions';

export type { ProfilePatch };

/**
 * E.164-ish: "+44 20 7946 0958", "+1 (555) 010-9999" → "+442079460958". A leading "+" and the
 * country code are required because the SMS provider dials internationally. "" clears.
 */
export function normalizePhone(input: string | null, field: string): string | null {
  if (input === null) return null;
  const compact = input.trim().replace(/[\s().-]/g, '');
  if (compact === '') return null;
  if (!/^\+[1-9]\d{6,14}$/.test(compact)) {
    throw badRequest('Enter an international phone number such as +44 20 7946 0958', field);
  }
  return compact;
}

/**
 * The overview promises an SMS "if the agent has specified a valid phone number in their
 * Profile": a newly entered (or changed) valid number switches SMS on, unless the same change
 * says otherwise; re-sending the stored number changes nothing, so an agent who switched SMS off
 * keeps it off. Without a number SMS cannot be on.
 */
export function smsFollowsPhone(stored: string | null, next: string | null | undefined, smsAsked: boolean | undefined): Record<string, boolean> {
  if (next === undefined) return {};
  if (next === null) return { 'notifications.sms': false };
  if (next !== stored && smsAsked === undefined) return { 'notifications.sms': true };
  return {};
}

export async function updateProfile(ctx: AppContext, auth: AgentAuth, patch: ProfilePatch): Promise<UserDoc> {
  const user = auth.user;
  const set: Record<string, unknown> = {};

  // Everything is checked before the single write below.
  if (patch.name !== undefined) {
    // The schema refused a blank name; stored trimmed.
    set.name = patch.name.trim();
  }
  let emailChangedFrom: string | null = null;
  if (patch.email !== undefined) {
    const email = normalizeEmail(patch.email);
    if (email !== user.email) {
      // The e-mail is where password resets go: changing it takes the password, so a session
      // left open on a shared computer cannot be turned into a takeover.
      if (patch.currentPassword === undefined || !(await verifyPassword(patch.currentPassword, user.passwordHash))) {
        throw badRequest('Enter your current password to change your e-mail', 'body.currentPassword');
      }
      if (await ctx.repos.crossOrg.emailTaken(email, user._id)) {
        throw conflict('An account with this e-mail already exists', 'body.email');
      }
      set.email = email;
      emailChangedFrom = user.email;
    }
  }
  if (patch.phone !== undefined) set.phone = normalizePhone(patch.phone, 'body.phone');
  if (patch.notifications !== undefined) {
    for (const key of ['email', 'sms', 'sound'] as const) {
      const value = patch.notifications[key];
      if (value !== undefined) set[`notifications.${key}`] = value;
    }
  }
  Object.assign(set, smsFollowsPhone(user.phone ?? null, set.phone as string | null | undefined, patch.notifications?.sms));
  if (patch.manualStatus !== undefined) set.manualStatus = patch.manualStatus;
  // The route checked the schedule's rules (scheduleFirst) before the body reached here.
  if (patch.schedule !== undefined) set.schedule = patch.schedule;

  if (Object.keys(set).length === 0) return user;
  let updated: UserDoc | null;
  try {
    updated = await ctx.repos.forOrg(user.orgId).members.findOneAndUpdate({ _id: user._id }, { $set: set });
  } catch (err) {
    // Two members claiming the same address at once: the unique index decides.
    if (isDuplicateKey(err)) throw conflict('An account with this e-mail already exists', 'body.email');
    throw err;
  }
  if (!updated) throw conflict('Your account changed meanwhile, try again');

  if (emailChangedFrom !== null) {
    // The old address hears about it: a stolen session must not quietly move the account away.
    await ctx.mailer
      .send({
        to: emailChangedFrom,
        subject: 'Your Phoenix Chat e-mail address was changed',
        text: `Hi ${updated.name},\n\nThe e-mail address of your Phoenix Chat account was changed to ${updated.email}.\n\nIf you did not do this, contact an administrator of ${auth.org.name} at once.`,
      })
      .catch((err: unknown) => ctx.log.warn('e-mail change notice not sent', { err }));
  }
  // Routing listens: a member who became available (status or hours) may take waiting chats.
  await ctx.bus.publish({ kind: 'user.changed', orgId: user.orgId.toString(), userId: user._id.toString() });
  return updated;
}
