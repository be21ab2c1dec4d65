// An organization's invitations. "Pending" means neither accepted nor revoked; a pending one is
// usable until it expires.
import type { ObjectId } from '../ids';
import type { InvitationDoc } from '../models/invitation';
import { ScopedCollection } from '../scoped-collection';

const PENDING = { acceptedAt: null, revokedAt: null } as const;

/** A pending, unexpired invitation with this token hash, first or resent (shared with the cross-org lookup). */
export const usableInvitation = (tokenHash: string, now: Date) => ({
  $or: [{ tokenHash }, { resentTokenHashes: tokenHash }],
  ...PENDING,
  expiresAt: { $gt: now },
});

export class InvitationsRepo extends ScopedCollection<InvitationDoc> {
  /** Pending invitations, newest first (expired ones included: the admin sees who never answered). */
  pending(): Promise<InvitationDoc[]> {
    return this.find(PENDING, { sort: { createdAt: -1 } });
  }

  /** The address's pending invitation (expired or not), newest first if there are several. */
  pendingFor(email: string): Promise<InvitationDoc | null> {
    return this.findOne({ email, ...PENDING }, { sort: { createdAt: -1 } });
  }

  /**
   * A resend: the new role (and teams, when given), a fresh expiry, and one more link; the
   * earlier links keep working. Null when the invitation stopped being pending meanwhile.
   */
  resend(id: ObjectId, change: { role: string; teamIds?: ObjectId[]; expiresAt: Date; tokenHash: string }): Promise<InvitationDoc | null> {
    return this.findOneAndUpdate(
      { _id: id, ...PENDING },
      {
        $set: { role: change.role, expiresAt: change.expiresAt, ...(change.teamIds !== undefined ? { teamIds: change.teamIds } : {}) },
        $push: { resentTokenHashes: change.tokenHash },
      },
      { returnDocument: 'after' },
    );
  }

  /** Undoes resend() when its e-mail could not be sent: the invitation is as it was. */
  async undoResend(before: InvitationDoc, tokenHash: string): Promise<void> {
    await this.updateOne(
      { _id: before._id },
      { $set: { role: before.role, expiresAt: before.expiresAt, teamIds: before.teamIds ?? [] }, $pull: { resentTokenHashes: tokenHash } },
    );
  }

  /** Revokes the address's pending invitations (but `exceptId`): their links stop working. */
  async revokePendingFor(email: string, now: Date, exceptId?: ObjectId): Promise<void> {
    await this.updateMany({ email, ...PENDING, ...(exceptId ? { _id: { $ne: exceptId } } : {}) }, { $set: { revokedAt: now } });
  }

  /** One conditional update: false when the invitation is no longer pending (accepted meanwhile). */
  async revoke(id: ObjectId, now: Date): Promise<boolean> {
    return (await this.updateOne({ _id: id, ...PENDING }, { $set: { revokedAt: now } })).modifiedCount > 0;
  }

  /** One conditional update: of two parallel accepts exactly one gets the invitation. */
  take(id: ObjectId, tokenHash: string, now: Date): Promise<InvitationDoc | null> {
    return this.findOneAndUpdate({ _id: id, ...usableInvitation(tokenHash, now) }, { $set: { acceptedAt: now } });
  }

  /**
   * Undoes take() when the member could not be created, so a retry with the same link can work.
   * Conditional on that very acceptance, so it never reopens one that something else settled.
   */
  async handBack(id: ObjectId, acceptedAt: Date): Promise<void> {
    await this.updateOne({ _id: id, acceptedAt }, { $set: { acceptedAt: null } });
  }

  /** A deleted team leaves every invitation's teamIds, so none keeps naming it. */
  async dropTeam(teamId: ObjectId): Promise<void> {
    await this.updateMany({ teamIds: teamId }, { $pull: { teamIds: teamId } });
  }
}
