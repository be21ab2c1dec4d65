// Presence of members (every member sees it: members list, assign panel) and the supervisor's
// live view (supervisors and admins: agents with presence, availability and load, and the queue).
import { t, consoleErrors, id, isoDate, listOf, nullable, oneOf, type Static } from './common';
import { chatSchema } from './chats';
import { MANUAL_STATUSES, PRESENCES, ROLES } from '../types/enums';

export const memberPresenceSchema = t.Object(
  {
    userId: id,
    presence: oneOf(PRESENCES),
    since: nullable(isoDate, { description: 'When the presence last changed; null: never seen online' }),
  },
  { title: 'MemberPresence' },
);

export const liveAgentSchema = t.Object(
  {
    id,
    name: t.String(),
    role: oneOf(ROLES),
    teamIds: t.Array(id, { description: 'The teams of the view’s scope this agent belongs to' }),
    presence: oneOf(PRESENCES),
    presenceSince: nullable(isoDate),
    manualStatus: oneOf(MANUAL_STATUSES, { description: 'The agent’s own availability choice' }),
    openChats: t.Number({ description: 'Assigned, not ended, in any team' }),
    maxConcurrentChats: nullable(t.Number()),
  },
  { title: 'LiveAgent' },
);

export const liveSnapshotSchema = t.Object(
  {
    now: isoDate,
    teams: t.Array(t.Object({ id, name: t.String() })),
    agents: t.Array(liveAgentSchema),
    queue: t.Array(chatSchema, { description: 'Unassigned chats of the scope, longest waiting first' }),
  },
  { title: 'LiveSnapshot' },
);

export const liveResponses = {
  presence: { 200: listOf(memberPresenceSchema), ...consoleErrors },
  snapshot: { 200: liveSnapshotSchema, ...consoleErrors },
} as const;

export type MemberPresenceDto = Static<typeof memberPresenceSchema>;
export type LiveAgentDto = Static<typeof liveAgentSchema>;
export type LiveSnapshotDto = Static<typeof liveSnapshotSchema>;
