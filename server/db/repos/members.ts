// An organization's members (users), with the reads several features share.
import type { ObjectId } from '../ids';
import type { UserDoc } from '../models/user';
import { ScopedCollection } from '../scoped-collection';

/** Members created before the flag existed have none: only an explicit `false` deactivates. */
const ACTIVE = { active: { $ne: false } } as const;

export class MembersRepo extends ScopedCollection<UserDoc> {
  /** Every member, oldest first (the members page, the v1 API). */
  inOrder(): Promise<UserDoc[]> {
    return this.find({}, { sort: { createdAt: 1 } });
  }

  /** Display names by id (string), for lists that show who is assigned or who created what. */
  async namesById(ids: readonly ObjectId[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.find<Pick<UserDoc, '_id' | 'name'>>({ _id: { $in: [...ids] } }, { projection: { name: 1 } });
    return new Map(rows.map((u) => [u._id.toString(), u.name]));
  }

  /** Active members of any of `teamIds`, oldest first: the source of every team's member list. */
  activeInTeams(teamIds: readonly ObjectId[]): Promise<Pick<UserDoc, '_id' | 'teamIds'>[]> {
    return this.find({ ...ACTIVE, teamIds: { $in: [...teamIds] } }, { projection: { teamIds: 1 }, sort: { createdAt: 1 } });
  }

  /** The organization must keep at least one. */
  activeOwnerCount(): Promise<number> {
    return this.count({ role: 'owner', ...ACTIVE });
  }

  /**
   * Makes exactly `memberIds` the team's active members. Deactivated members keep the team in
   * their teamIds, so reactivating someone restores their teams.
   */
  async setTeamMembers(teamId: ObjectId, memberIds: readonly ObjectId[]): Promise<void> {
    if (memberIds.length > 0) await this.updateMany({ _id: { $in: [...memberIds] } }, { $addToSet: { teamIds: teamId } });
    await this.updateMany({ teamIds: teamId, ...ACTIVE, _id: { $nin: [...memberIds] } }, { $pull: { teamIds: teamId } });
  }

  /** A deleted team leaves everyone's teamIds, deactivated members' too; returns who had it. */
  async leaveTeam(teamId: ObjectId): Promise<ObjectId[]> {
    const had = await this.find<Pick<UserDoc, '_id'>>({ teamIds: teamId }, { projection: { _id: 1 } });
    await this.updateMany({ teamIds: teamId }, { $pull: { teamIds: teamId } });
    return had.map((u) => u._id);
  }
}
