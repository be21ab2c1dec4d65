// The door to MongoDB for the rest of the server. `forOrg(orgId)` hands out one organization's
// collections, each of which adds the organization to every query; `crossOrg` holds the few
// named operations that legitimately run before an organization is known. Nothing outside
// server/db/ sees a model, a connection or the driver (the lint boundary enforces it).
import type { Connection } from 'mongoose';
import type { ObjectId } from '../ids';
import { createModels, syncIndexes, type Models } from '../models';
import type { ApiKeyDoc } from '../models/api-key';
import type { ChatEventDoc } from '../models/chat-event';
import type { OneTimeTokenDoc } from '../models/one-time-token';
import type { OrganizationDoc } from '../models/organization';
import type { SessionDoc } from '../models/session';
import type { VisitorSessionDoc } from '../models/visitor-session';
import type { WebhookDeliveryDoc } from '../models/webhook-delivery';
import { ScopedCollection } from '../scoped-collection';
import { ChatsRepo } from './chats';
import { ContactsRepo } from './contacts';
import { createCrossOrgAccess } from './cross-org';
import { OrgFiles } from './files';
import { IdempotencyRepo } from './idempotency';
import { createJobBookkeeping } from './job-bookkeeping';
import { createOperatorGauges } from './operator-gauges';
import { InvitationsRepo } from './invitations';
import { MembersRepo } from './members';
import { createMessageBatches } from './message-batches';
import { MessagesRepo } from './messages';
import { MentionsRepo, NotesRepo } from './notes';
import { PresenceRepo } from './presence';
import { SavedRepliesRepo } from './saved-replies';
import { TeamsRepo } from './teams';

const MAX_KEPT_ORGS = 1_000;

function orgRepos(models: Models, conn: Connection, orgId: ObjectId) {
  return {
    orgId,
    /** The organization's own document (scoped by its _id). */
    organization: new ScopedCollection<OrganizationDoc>(models.Organization, orgId, '_id'),
    members: new MembersRepo(models.User, orgId),
    sessions: new ScopedCollection<SessionDoc>(models.Session, orgId),
    oneTimeTokens: new ScopedCollection<OneTimeTokenDoc>(models.OneTimeToken, orgId),
    invitations: new InvitationsRepo(models.Invitation, orgId),
    teams: new TeamsRepo(models.Team, orgId),
    contacts: new ContactsRepo(models.Contact, orgId),
    chats: new ChatsRepo(models.Chat, orgId),
    messages: new MessagesRepo(models.Message, orgId),
    chatEvents: new ScopedCollection<ChatEventDoc>(models.ChatEvent, orgId),
    visitorSessions: new ScopedCollection<VisitorSessionDoc>(models.VisitorSession, orgId),
    apiKeys: new ScopedCollection<ApiKeyDoc>(models.ApiKey, orgId),
    idempotency: new IdempotencyRepo(models.IdempotencyRecord, orgId),
    webhookDeliveries: new ScopedCollection<WebhookDeliveryDoc>(models.WebhookDelivery, orgId),
    files: new OrgFiles(conn, orgId),
    presence: new PresenceRepo(models.Presence, orgId),
    savedReplies: new SavedRepliesRepo(models.SavedReply, orgId),
    notes: new NotesRepo(models.Note, orgId),
    mentions: new MentionsRepo(models.Mention, orgId),
  };
}

export type OrgRepos = ReturnType<typeof orgRepos>;

export function createRepositories(conn: Connection, models: Models = createModels(conn)) {
  // An organization's repositories hold nothing but the scope, and the message path asks for them
  // several times per message: built once per organization (the most recently used ones kept).
  const byOrg = new Map<string, OrgRepos>();
  const forOrg = (orgId: ObjectId): OrgRepos => {
    const key = orgId.toString();
    let repos = byOrg.get(key);
    if (!repos) {
      if (byOrg.size >= MAX_KEPT_ORGS) byOrg.delete(byOrg.keys().next().value!);
      byOrg.set(key, (repos = orgRepos(models, conn, orgId)));
    }
    return repos;
  };
  return {
    forOrg,
    /** Group commit of messages across organizations, each statement scoped (message-batches.ts). */
    messageBatches: createMessageBatches(conn),
    crossOrg: { ...createCrossOrgAccess(models, conn), ...createJobBookkeeping(models), ...createOperatorGauges(models, conn) },
    /** Build indexes before serving: unique indexes are what make claims and resends safe. */
    syncIndexes: () => syncIndexes(models),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
