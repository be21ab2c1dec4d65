// A frame for everyone allowed to view a chat (its list row, a note): a few native publishes to
// the audience topics (audience.ts) plus the assignee's tabs the topics leave out, one by one.
// The frame is serialized once by the caller; no socket of the organization is walked.
import { canOnChat, type ChatFacts, type TeamFacts } from '../domain/permissions';
import { viewerTopics } from './audience';
import type { AgentConnection, ConnectionRegistry } from './connections';

/** The assignee's tabs no viewer topic reaches (Restrictive, Self Service, a team they left). */
function assigneeOnly(registry: ConnectionRegistry, orgId: string, chat: ChatFacts, team: TeamFacts, topics: readonly string[]): AgentConnection[] {
  if (chat.status === 'unassigned' || chat.assigneeId === null) return [];
  const out: AgentConnection[] = [];
  for (const conn of registry.agentTabs(orgId, chat.assigneeId)) {
    if (!canOnChat(conn.actor, 'view', chat, team)) continue;
    if (conn.audience?.some((t) => topics.includes(t))) continue;
    out.push(conn);
  }
  return out;
}

export interface ViewerReach {
  topics: string[];
  direct: AgentConnection[];
  /** Sockets reached in all. */
  size: number;
}

export function viewersOf(registry: ConnectionRegistry, orgId: string, chat: ChatFacts, team: TeamFacts): ViewerReach {
  const topics = viewerTopics(orgId, chat, team).filter((t) => registry.topicSize(t) > 0);
  const direct = assigneeOnly(registry, orgId, chat, team, topics);
  let size = direct.length;
  for (const t of topics) size += registry.topicSize(t);
  return { topics, direct, size };
}

export function sendToViewers(registry: ConnectionRegistry, reach: ViewerReach, frame: string): void {
  for (const topic of reach.topics) registry.publish(topic, frame);
  for (const conn of reach.direct) conn.raw.send(frame);
}
