// Password hashes imported from the bot platform (platform-enrollment.ts) arrive as the platform
// made them: bcrypt, perhaps at a low cost, or another argon2 variant. On the member's first
// successful sign-in, while the password is at hand, the hash is replaced by our own argon2id.
import type { AppContext } from '../context';
import type { UserDoc } from '../db/types';
import { hashPassword } from './passwords';

export const needsUpgrade = (hash: string): boolean => !hash.startsWith('$argon2id$');

/** Conditional on the hash read: a password changed meanwhile is never overwritten. */
export async function upgradePasswordHash(ctx: AppContext, user: Pick<UserDoc, '_id' | 'orgId' | 'passwordHash'>, password: string): Promise<void> {
  if (!needsUpgrade(user.passwordHash)) return;
  const passwordHash = await hashPassword(ctx.config, password);
  await ctx.repos.forOrg(user.orgId).members.updateOne({ _id: user._id, passwordHash: user.passwordHash }, { $set: { passwordHash } });
}
