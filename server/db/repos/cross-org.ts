// The only reads and writes that may run without an organization, named one by one. Each of
// them starts from something that is not yet tied to an organization (an e-mail at sign-in, a
// secret's hash, a public widget key, a new sign-up) or is bookkeeping of the whole database
// (jobs, health). Everything they find carries its orgId; the caller continues with forOrg().
import { MongoBackend } from '@agendajs/mongo-backend';
import type { AgendaBackend } from 'agenda';
import type { Connection } from 'mongoose';
import type { Models } from '../models';
import type { ApiKeyDoc } from '../models/api-key';
import type { InvitationDoc } from '../models/invitation';
import type { OneTimeTokenDoc } from '../models/one-time-token';
import type { OrganizationDoc } from '../models/organization';
import type { SessionDoc } from '../models/session';
import type { UserDoc } from '../models/user';
import type { VisitorSessionDoc } from '../models/visitor-session';
import type { ObjectId } from '../ids';
import { usableInvitation } from './invitations';

export function createCrossOrgAccess(models: Models, conn: Connection) {
  return {
    /** Sign-in, password reset, demo: e-mails are unique over the whole installation. */
    userByEmail: (email: string, opts: { activeOnly?: boolean } = {}) =>
      models.User.findOne({ email, ...(opts.activeOnly ? { active: true } : {}) }).lean<UserDoc>().exec(),
    /** Whether an e-mail is taken anywhere (sign-up, invitations, provisioning, e-mail change). */
    emailTaken: async (email: string, exceptUserId?: ObjectId) =>
      (await models.User.exists({ email, ...(exceptUserId ? { _id: { $ne: exceptUserId } } : {}) })) !== null,

    /** The public key in a site's embed snippet. */
    organizationByWidgetKey: (widgetKey: string) => models.Organization.findOne({ widgetKey }).lean<OrganizationDoc>().exec(),
    /** The bot platform names an organization by its own account id (/api/platform/v1). */
    organizationByExternalAccountId: (externalAccountId: string) => models.Organization.findOne({ externalAccountId }).lean<OrganizationDoc>().exec(),
    /** /demo when no demo organization exists: the oldest one. */
    oldestOrganization: () => models.Organization.findOne().sort({ createdAt: 1 }).lean<OrganizationDoc>().exec(),
    /** Sign-up: a new organization has no scope yet; its id becomes the scope of everything else. */
    createOrganization: async (doc: Omit<OrganizationDoc, '_id' | 'createdAt'> & { createdAt: Date }) =>
      (await models.Organization.create(doc)).toObject() as OrganizationDoc,

    /** Secrets presented by callers, looked up by their hash. */
    sessionByTokenHash: (tokenHash: string) => models.Session.findOne({ tokenHash }).lean<SessionDoc>().exec(),
    visitorSessionByTokenHash: (tokenHash: string) => models.VisitorSession.findOne({ tokenHash }).lean<VisitorSessionDoc>().exec(),
    activeApiKeyByHash: (keyHash: string) => models.ApiKey.findOne({ keyHash, revokedAt: null }).lean<ApiKeyDoc>().exec(),
    pendingInvitationByTokenHash: (tokenHash: string, now: Date) =>
      models.Invitation.findOne(usableInvitation(tokenHash, now)).lean<InvitationDoc>().exec(),
    /** One conditional update on `usedAt: null`: of two parallel redemptions exactly one wins. */
    takeOneTimeToken: (kind: OneTimeTokenDoc['kind'], tokenHash: string, now: Date) =>
      models.OneTimeToken.findOneAndUpdate(
        { kind, tokenHash, usedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
        { returnDocument: 'after' },
      )
        .lean<OneTimeTokenDoc>()
        .exec(),
    /** Why a token could not be taken (used or expired): kept a day past expiry by the TTL index. */
    oneTimeTokenByHash: (kind: OneTimeTokenDoc['kind'], tokenHash: string) =>
      models.OneTimeToken.findOne({ kind, tokenHash }).lean<OneTimeTokenDoc>().exec(),
    /** Replay protection: the unique index on (keyId, signature) makes the first use win (E11000 after). */
    rememberSignature: async (doc: { keyId: ObjectId; signature: string; expiresAt: Date }) => {
      await models.SeenSignature.create(doc);
    },

    /** Agenda keeps its jobs in this database (collection `jobs`), beside the app's collections. */
    jobBackend: (): AgendaBackend => new MongoBackend({ mongo: conn.db!, collection: 'jobs' }),
    /** /health: proves the database answers, not just that a connection object exists. */
    ping: async () => {
      await conn.db!.admin().ping();
    },
  };
}

export type CrossOrgAccess = ReturnType<typeof createCrossOrgAccess>;
