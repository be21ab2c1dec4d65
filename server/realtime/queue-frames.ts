// Queue positions → `queue.position` frames for the waiting visitors connected to this instance.
import type { ServerMessage } from '../../shared/protocol/messages';
import type { BusEvent } from '../bus/bus';
import type { ConnectionRegistry } from './connections';

export function deliverQueuePositions(registry: ConnectionRegistry, event: Extract<BusEvent, { kind: 'queue.positions' }>): void {
  for (const entry of event.entries) {
    const visitors = registry.visitors(event.orgId, entry.contactId);
    let frame: string | null = null;
    for (const conn of visitors) {
      frame ??= JSON.stringify({ type: 'queue.position', chatId: entry.chatId, position: entry.position, estimatedWaitSeconds: event.estimatedWaitSeconds } satisfies ServerMessage);
      conn.raw.send(frame);
    }
  }
}
