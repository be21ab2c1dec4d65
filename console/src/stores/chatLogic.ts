// Pure rules behind the chats store, kept apart so they are tested without Vue or a network.
import type { BadgeCounts, ChatDto, MessageDto } from '../../../shared/types/dto';
import type { ChatListStatus, ChatView } from '../api/endpoints';

export interface ViewSpec {
  view: ChatView;
  teamId?: string;
  status: ChatListStatus;
  /** Only chats carrying this (normalized) label: the inbox's label filter. */
  label?: string;
}

export function viewKey(spec: ViewSpec): string {
  const base = `${spec.view}:${spec.view === 'team' ? (spec.teamId ?? '') : ''}:${spec.status}`;
  return spec.label ? `${base}:${encodeURIComponent(spec.label)}` : base;
}

export function parseViewKey(key: string): ViewSpec {
  const [view, teamId, status, label] = key.split(':') as [ChatView, string, ChatListStatus, string | undefined];
  const spec: ViewSpec = view === 'team' ? { view, teamId, status } : { view, status };
  if (label) spec.label = decodeURIComponent(label);
  return spec;
}

/** Whether a chat, as the server now describes it, belongs in a list the agent has loaded. */
export function matchesView(chat: ChatDto, spec: ViewSpec, myId: string | null): boolean {
  const open = chat.status !== 'ended';
  if (spec.status === 'open' ? !open : open) return false;
  if (spec.label && !(chat.labels ?? []).includes(spec.label)) return false;
  switch (spec.view) {
    case 'unassigned':
      return chat.status === 'unassigned';
    case 'mine':
      return myId !== null && chat.assigneeId === myId;
    case 'all':
      return true;
    case 'team':
      return chat.teamId === spec.teamId;
  }
}

/**
 * The order the server pages a list in (services/chats.ts `listChats`), so a chat placed live lands
 * where the next page would have put it: open chats oldest first (a queue: the longest waiting on
 * top, as the visitor's queue position counts), ended chats newest first (history). Ties by id.
 * An earlier order by last activity disagreed with the server's pages: the first live update of a
 * chat moved it to the other end of a list loaded oldest first, so j / k jumped (CI stop 23).
 */
export function compareChats(a: ChatDto, b: ChatDto, status: ChatListStatus): number {
  const dir = status === 'open' ? 1 : -1;
  if (a.createdAt !== b.createdAt) return (a.createdAt < b.createdAt ? -1 : 1) * dir;
  return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * dir;
}

/**
 * Whether a chat stays in a list after a change: when it matches the list's view — or when it is
 * the chat open on screen and already in that list (claimed from Unassigned, it stays there,
 * marked as yours, until the agent navigates away; see `leftChat` in the store).
 */
export function staysInList(ids: readonly string[], chat: ChatDto, matches: boolean, openChatId: string | null): boolean {
  return matches || (chat.id === openChatId && ids.includes(chat.id));
}

/** Puts a chat into (or takes it out of) a list of ids, in the list's order (compareChats). */
export function placeInList(
  ids: readonly string[],
  chat: ChatDto,
  belongs: boolean,
  lookup: (id: string) => ChatDto | undefined,
  status: ChatListStatus,
): string[] {
  const without = ids.filter((id) => id !== chat.id);
  if (!belongs) return without;
  const out = [...without];
  let i = 0;
  while (i < out.length) {
    const other = lookup(out[i]!);
    if (other && compareChats(chat, other, status) <= 0) break;
    i++;
  }
  out.splice(i, 0, chat.id);
  return out;
}

/**
 * Merges messages by `seq`: ascending, one message per seq, the later copy wins (an edit or a
 * fuller ack). Replays after a reconnect and REST pages can overlap freely.
 */
export function mergeMessages(existing: readonly MessageDto[], incoming: readonly MessageDto[]): MessageDto[] {
  if (incoming.length === 0) return existing as MessageDto[];
  const bySeq = new Map<number, MessageDto>();
  for (const m of existing) bySeq.set(m.seq, m);
  for (const m of incoming) if (Number.isInteger(m.seq)) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function lastSeqOf(messages: readonly MessageDto[] | undefined): number {
  if (!messages || messages.length === 0) return 0;
  return messages[messages.length - 1]!.seq;
}

// The resume point of a chat is its highest *contiguous* seq: `chat.subscribe` replays from it,
// so a message that arrived late, or never before a disconnect, is replayed instead of skipped.
// Messages are held ascending by seq (mergeMessages). Older pages below it do not matter.

/** `synced`, advanced through every held seq that directly follows it. */
export function contiguousSeq(synced: number, messages: readonly MessageDto[] | undefined): number {
  let s = synced;
  for (const m of messages ?? []) {
    if (m.seq <= s) continue;
    if (m.seq !== s + 1) break;
    s = m.seq;
  }
  return s;
}

/** The highest held seq when something between the resume point and it is missing, else 0. */
export function gapTarget(synced: number, messages: readonly MessageDto[] | undefined): number {
  const top = lastSeqOf(messages);
  return top > contiguousSeq(synced, messages) ? top : 0;
}

/**
 * After a fetch of everything after `synced`, made once `target` was held: each seq up to the
 * target is now held or will never exist (a crash took it and stored nothing), so the resume point
 * moves past those holes — one fetch, no waiting for them, no refetching.
 */
export function afterGapFetch(synced: number, target: number, messages: readonly MessageDto[] | undefined): number {
  return contiguousSeq(Math.max(synced, target), messages);
}

/** `chat.replayed {lastSeq}`: holes below what we hold were read past; not beyond what we hold. */
export function afterReplay(synced: number, lastSeq: number, messages: readonly MessageDto[] | undefined): number {
  return contiguousSeq(Math.max(synced, Math.min(lastSeq, lastSeqOf(messages))), messages);
}

/**
 * The newest page of a chat (REST, authoritative: a hole inside it never exists) does not join
 * what was held from an earlier look when it is full and starts past the resume point: the old
 * messages are then dropped rather than kept with an unseen hole between them and the page.
 */
export function joinsLatestPage(synced: number, page: readonly MessageDto[], full: boolean): boolean {
  return !full || page.length === 0 || page[0]!.seq <= synced + 1;
}

/** Sends this agent sent that have not shown up as stored messages yet. */
export interface PendingMessage {
  clientId: string;
  chatId: string;
  text: string;
  attachmentIds: string[];
  attachmentNames: string[];
  status: 'sending' | 'failed';
  error: string | null;
  createdAt: string;
}

export function dropDelivered(pending: readonly PendingMessage[], messages: readonly MessageDto[]): PendingMessage[] {
  if (pending.length === 0) return pending as PendingMessage[];
  const delivered = new Set(messages.map((m) => m.clientId).filter((c): c is string => !!c));
  return pending.filter((p) => !delivered.has(p.clientId));
}

/** A chat counts as unread for me when it is mine, open, and the contact wrote after I last looked. */
export function isUnread(chat: ChatDto, myId: string | null, readSeq: number | undefined): boolean {
  if (chat.status === 'ended' || !myId || chat.assigneeId !== myId) return false;
  const last = chat.lastMessage;
  if (!last || last.author.kind !== 'contact') return false;
  return last.seq > (readSeq ?? 0);
}

export function emptyCounts(): BadgeCounts {
  return { unassigned: 0, mine: 0, all: 0, teams: {} };
}

export function titleWithUnread(base: string, unread: number): string {
  return unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${base}` : base;
}
