// Small read-through caches for facts every message and chat event needs: a team's permission
// mode, a contact's display fields, an agent's name. They save three database round trips per
// message. Teams and users are dropped on their bus events (from any instance), so a mode
// change applies at once; contacts, whose edits only change how a name is shown, expire by age.
import type { Repositories } from '../db/repos';
import { CONTACT_SUMMARY } from '../db/repos/contacts';
import type { ContactSummary, ObjectId, TeamDoc, UserDoc } from '../db/types';
import type { ChatTeamFacts, EventBus } from '../bus/bus';

const CONTACT_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

function bounded<K, V>(map: Map<K, V>, key: K, value: V): V {
  // Insertion order is age order: past the cap, the oldest entry goes.
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

export interface LookupCache {
  teamFacts(orgId: ObjectId, teamId: ObjectId): Promise<ChatTeamFacts | null>;
  contactSummary(orgId: ObjectId, contactId: ObjectId): Promise<ContactSummary | null>;
  userName(orgId: ObjectId, userId: ObjectId): Promise<string | null>;
  close(): void;
}

export function createLookupCache(repos: Repositories, bus: EventBus, now: () => number = Date.now): LookupCache {
  const teams = new Map<string, Promise<ChatTeamFacts | null>>();
  const users = new Map<string, Promise<string | null>>();
  const contacts = new Map<string, { at: number; value: Promise<ContactSummary | null> }>();
  const unsubscribe = bus.subscribe((event) => {
    if (event.kind === 'team.changed') teams.delete(event.teamId);
    if (event.kind === 'user.changed') users.delete(event.userId);
  });
  return {
    teamFacts(orgId, teamId) {
      const key = teamId.toString();
      const hit = teams.get(key);
      if (hit) return hit;
      const value = repos
        .forOrg(orgId)
        .teams.findById<Pick<TeamDoc, 'permissionMode'>>(teamId, { projection: { permissionMode: 1 } })
        .then((t) => (t ? { id: key, permissionMode: t.permissionMode } : null));
      // A failed or empty read is not kept: the next caller asks again.
      void value.then((v) => v === null && teams.delete(key), () => teams.delete(key));
      return bounded(teams, key, value);
    },
    contactSummary(orgId, contactId) {
      const key = contactId.toString();
      const hit = contacts.get(key);
      if (hit && now() - hit.at < CONTACT_TTL_MS) return hit.value;
      const value = repos.forOrg(orgId).contacts.findById<ContactSummary>(contactId, { projection: CONTACT_SUMMARY });
      void value.then((v) => v === null && contacts.delete(key), () => contacts.delete(key));
      return bounded(contacts, key, { at: now(), value }).value;
    },
    userName(orgId, userId) {
      const key = userId.toString();
      const hit = users.get(key);
      if (hit) return hit;
      const value = repos
        .forOrg(orgId)
        .members.findById<Pick<UserDoc, 'name'>>(userId, { projection: { name: 1 } })
        .then((u) => u?.name ?? null);
      void value.then((v) => v === null && users.delete(key), () => users.delete(key));
      return bounded(users, key, value);
    },
    close() {
      unsubscribe();
      teams.clear();
      users.clear();
      contacts.clear();
    },
  };
}
