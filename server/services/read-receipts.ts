// Read receipts (issue 17.5): each side tells the server the highest seq it has seen in a chat
// (`read` frame); the chat keeps it (agentReadSeq / visitorReadSeq) and the other side is told.
//
// Cheap: a console with the chat open reports every message it shows, so reports are coalesced
// per chat and side — the first one is written at once, later ones within the next second are
// folded into one write at the end of that second (highest seq wins). The write is conditional
// (`$not: {$gte: seq}`), so it only ever raises the stored seq: a late or replayed frame, or
// another instance's write, never lowers it. A seq past the chat's last message is not taken.
import type { AppContext } from '../context';
import { ObjectId } from '../db/ids';
import { AppError } from '../errors';
import type { ChatDoc } from '../db/types';
import type { ServerMessageOf } from '../../shared/protocol/messages';

export type ReadSide = 'agent' | 'visitor';

/** At most one write per chat and side in this window. */
export const READ_COALESCE_MS = 1000;

const FIELDS: Record<ReadSide, { seq: 'agentReadSeq' | 'visitorReadSeq'; at: 'agentReadAt' | 'visitorReadAt' }> = {
  agent: { seq: 'agentReadSeq', at: 'agentReadAt' },
  visitor: { seq: 'visitorReadSeq', at: 'visitorReadAt' },
};

export interface ReadTarget {
  orgId: string;
  chatId: string;
}

/**
 * Raises the side's read seq to `seq` (never lowers it) and announces it on the bus.
 * Whether it moved.
 */
export async function storeRead(ctx: AppContext, target: ReadTarget, side: ReadSide, seq: number): Promise<boolean> {
  if (seq <= 0) return false;
  const field = FIELDS[side];
  const at = ctx.clock.now();
  const chat = await ctx.repos
    .forOrg(new ObjectId(target.orgId))
    .chats.findOneAndUpdate<Pick<ChatDoc, '_id' | 'contactId'>>(
      { _id: new ObjectId(target.chatId), lastSeq: { $gte: seq }, [field.seq]: { $not: { $gte: seq } } },
      { $set: { [field.seq]: seq, [field.at]: at } },
      { projection: { _id: 1, contactId: 1 } },
    );
  if (!chat) return false;
  void ctx.bus.publish({ kind: 'chat.read', orgId: target.orgId, chatId: target.chatId, contactId: chat.contactId.toString(), side, seq, at: at.toISOString() });
  return true;
}

/** `chat.replayed` (the read receipts come with it, so a resumed view shows "Seen" at once): its last seq and both read receipts as stored now. */
export async function replayedFrame(ctx: AppContext, chat: Pick<ChatDoc, '_id' | 'orgId' | 'lastSeq'>): Promise<ServerMessageOf<'chat.replayed'>> {
  type Now = Pick<ChatDoc, 'lastSeq' | 'agentReadSeq' | 'agentReadAt' | 'visitorReadSeq' | 'visitorReadAt'>;
  const now = await ctx.repos.forOrg(chat.orgId).chats.findById<Now>(chat._id, {
    projection: { lastSeq: 1, agentReadSeq: 1, agentReadAt: 1, visitorReadSeq: 1, visitorReadAt: 1 },
  });
  return {
    type: 'chat.replayed',
    chatId: chat._id.toString(),
    lastSeq: now?.lastSeq ?? chat.lastSeq,
    agentReadSeq: now?.agentReadSeq ?? 0,
    agentReadAt: now?.agentReadAt?.toISOString() ?? null,
    visitorReadSeq: now?.visitorReadSeq ?? 0,
    visitorReadAt: now?.visitorReadAt?.toISOString() ?? null,
  };
}

interface Slot {
  /** Highest seq reported since the last write, or 0 when none is waiting. */
  pending: number;
  timer: ReturnType<typeof setTimeout>;
}

/** One per server instance (the realtime hub): folds reports into ≤ 1 write per chat, side and second. */
export class ReadReceipts {
  private readonly slots = new Map<string, Slot>();
  private readonly target = new Map<string, ReadTarget>();

  constructor(
    private readonly ctx: AppContext,
    private readonly windowMs = READ_COALESCE_MS,
  ) {}

  /** A `read` frame from a socket; only for a chat it subscribed to (the permission check). */
  report(conn: { kind: 'agent' | 'visitor'; orgId: string; chats: ReadonlySet<string> }, chatId: string, seq: number): void {
    if (!conn.chats.has(chatId)) throw new AppError('BAD_REQUEST', 'Open the chat (chat.subscribe) before marking it read', 'chatId');
    this.add({ orgId: conn.orgId, chatId }, conn.kind, seq);
  }

  private add(target: ReadTarget, side: ReadSide, seq: number): void {
    const key = `${target.chatId}:${side}`;
    const slot = this.slots.get(key);
    if (slot) {
      slot.pending = Math.max(slot.pending, seq);
      return;
    }
    this.target.set(key, target);
    this.write(key, side, seq);
  }

  /** Writes now and opens the window; a report within it is written when the window closes. */
  private write(key: string, side: ReadSide, seq: number): void {
    const target = this.target.get(key)!;
    storeRead(this.ctx, target, side, seq).catch((err: unknown) => this.ctx.log.warn('read receipt not stored', { err, chatId: target.chatId }));
    const slot: Slot = {
      pending: 0,
      timer: setTimeout(() => {
        this.slots.delete(key);
        if (slot.pending > 0) this.write(key, side, slot.pending);
        else this.target.delete(key);
      }, this.windowMs),
    };
    this.slots.set(key, slot);
  }

  close(): void {
    for (const slot of this.slots.values()) clearTimeout(slot.timer);
    this.slots.clear();
    this.target.clear();
  }
}
