// Events leave services through this interface so several server instances can act as one:
// in-process by default, Redis pub/sub when REDIS_URL is set (redis-bus.ts).
import type { ChatDto, MessageDto } from '../../shared/types/dto';
import type { MentionDto, NoteDto } from '../../shared/contract/notes';
import type { ChatStatus, PermissionMode, Presence } from '../../shared/types/enums';

export interface ChatTeamFacts {
  id: string;
  permissionMode: PermissionMode;
}

export type BusEvent =
  | {
      kind: 'chat.changed';
      orgId: string;
      chat: ChatDto;
      team: ChatTeamFacts;
      change: 'created' | 'updated' | 'assigned' | 'ended';
      byUserId: string | null;
      /** The chat's facts before this change, so listeners can tell who just lost sight of it. */
      previous: { teamId: string; status: ChatStatus; assigneeId: string | null; team: ChatTeamFacts } | null;
    }
  | { kind: 'message.created'; orgId: string; chat: ChatDto; team: ChatTeamFacts; message: MessageDto }
  /** A seq that was taken and will never hold a message (a resend's, see services/message-writer.ts): hubs stop waiting for it. */
  | { kind: 'message.skipped'; orgId: string; chatId: string; seq: number }
  | { kind: 'typing'; orgId: string; chatId: string; author: { kind: 'agent' | 'contact'; id: string; name: string | null }; typing: boolean }
  | { kind: 'user.revoked'; orgId: string; userId: string; reason: 'logout' | 'password_changed' | 'deactivated' | 'expired'; keepSessionHash?: string; onlySessionHash?: string }
  | { kind: 'user.changed'; orgId: string; userId: string }
  | { kind: 'team.changed'; orgId: string; teamId: string }
  /** A contact was blocked: every instance closes that visitor's sockets at once. */
  | { kind: 'contact.blocked'; orgId: string; contactId: string }
  /** A private note: to agents who may see the chat, never to visitors (realtime/deliver-notes.ts). */
  | { kind: 'note.created'; orgId: string; chat: { id: string; teamId: string; status: ChatStatus; assigneeId: string | null }; team: ChatTeamFacts; note: NoteDto }
  /** A member was named in a note: to that member's console sockets. */
  | { kind: 'mention.created'; orgId: string; userId: string; mention: MentionDto }
  /** A member's presence changed (server/realtime/presence.ts); announced once, by one instance. */
  | { kind: 'member.presence'; orgId: string; userId: string; presence: Presence; since: string }
  /** One side of a chat read up to `seq` (services/read-receipts.ts): relayed to the other side. */
  | { kind: 'chat.read'; orgId: string; chatId: string; contactId: string; side: 'agent' | 'visitor'; seq: number; at: string }
  /** A team's queue moved (services/queue-position.ts): each waiting visitor's place, 1-based. */
  | { kind: 'queue.positions'; orgId: string; teamId: string; entries: { chatId: string; contactId: string; position: number }[]; estimatedWaitSeconds: number | null };

export type BusHandler = (event: BusEvent) => void;

export interface EventBus {
  /**
   * Delivers to this instance's handlers before it resolves (never waiting on a network), then
   * to the other instances. It does not fail for a bus outage: see redis-bus.ts.
   */
  publish(event: BusEvent): Promise<void>;
  subscribe(handler: BusHandler): () => void;
  close(): Promise<void>;
  /** Whether events reach the other instances now (/health: `degraded` when 'down'). Local: 'up'. */
  status?(): BusStatus;
  /**
   * Called when the bus comes back after an outage: sockets of this instance may have missed
   * events of other instances and must be brought up to date. Returns the unsubscribe.
   */
  onResync?(handler: () => void): () => void;
  /** Resolves once what was published is handed to the bus, or after `timeoutMs` (shutdown). */
  flush?(timeoutMs: number): Promise<void>;
}

export type BusStatus = 'up' | 'down';

export function createLocalBus(): EventBus {
  const handlers = new Set<BusHandler>();
  return {
    publish(event) {
      // Delivered synchronously: callers await publish, so by then every local socket has it.
      for (const handler of handlers) handler(event);
      return Promise.resolve();
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close() {
      handlers.clear();
      return Promise.resolve();
    },
    status: () => 'up',
  };
}
