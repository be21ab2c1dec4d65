// An organization's invitations. "Pending" means neither accepted nor revoked; a pending one is
// usable until it expires.
import type { ObjectId } from '../ids';
import type { InvitationDoc } from '../models/invitation';
import { ScopedCollection } from '../scoped-collection';

const PENDING = { acceptedAt: null, revokedAt: null } as const;

/** A pending, unexpired invitation with this token hash (shared with the cross-org lookup). */
export const usableInvitation = (tokenHash: string, now: Date) => ({ tokenHash, ...PENDING, expiresAt: { $gt: now } });

export class InvitationsRepo extends ScopedCollection<InvitationDoc> {
  /** Pending invitations, newest first (expired ones included: the admin sees who never answered). */
  pending(): Promise<InvitationDoc[]> {
    return this.find(PENDING, { sort: { createdAt: -1 } });
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
