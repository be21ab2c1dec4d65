// Where each open chat resumes from, and the fetch that fills a gap. Rules in chatLogic.ts; this
// is their wiring, kept out of the chats store (which owns the state: `synced` is reset with it).
//
// - The resume point (`synced[chatId]`) is tracked once the chat's newest page was loaded or it was
//   subscribed; it advances through held messages while they follow one another, whatever
//   brought them, so `chat.subscribe` never skips a seq that arrived late or not at all.
// - A live `message.created` beyond a hole (N+2 while holding N: a frame lost on the way) fetches
//   `GET /api/chats/:id/messages?afterSeq=N` at once, not at the next reconnect. Holes that fetch
//   leaves below a seq it knew of will never exist (a crash took the seq) and are skipped.
// - A failed fetch is not retried in a loop: the next live frame or the reconnect's replay does.
import type { MessageDto } from '../../../shared/types/dto';
import { requestEra } from '../api';
import { afterGapFetch, afterReplay, contiguousSeq, gapTarget, joinsLatestPage } from './chatLogic';

const GAP_PAGE = 100;

export interface ResumeDeps {
  synced: Record<string, number>;
  messages: Record<string, MessageDto[]>;
  page(chatId: string, afterSeq: number, limit: number): Promise<{ items: MessageDto[] }>;
  /** Merges fetched messages into the store (not as live frames). */
  receive(chatId: string, items: MessageDto[]): void;
}

export function chatResume(deps: ResumeDeps) {
  const { synced, messages } = deps;
  const filling = new Set<string>();

  /** The newest page of a chat arrived; false: drop what was held before it (see joinsLatestPage). */
  function latestPage(chatId: string, page: MessageDto[], full: boolean): boolean {
    const joins = joinsLatestPage(synced[chatId] ?? 0, page, full);
    if (!joins) synced[chatId] = 0;
    return joins;
  }

  function afterLatestPage(chatId: string, page: MessageDto[]) {
    const top = page.length ? page[page.length - 1]!.seq : 0;
    synced[chatId] = contiguousSeq(Math.max(synced[chatId] ?? 0, top), messages[chatId]);
  }

  /** Messages were merged; `live`: a `message.created` frame, whose hole is fetched now. */
  function merged(chatId: string, live: boolean) {
    const from = synced[chatId];
    if (from === undefined) return;
    synced[chatId] = contiguousSeq(from, messages[chatId]);
    if (live && gapTarget(synced[chatId]!, messages[chatId])) void fill(chatId);
  }

  function replayed(chatId: string, lastSeq: number) {
    const from = synced[chatId];
    if (from !== undefined) synced[chatId] = afterReplay(from, lastSeq, messages[chatId]);
  }

  /** `afterSeq` for `chat.subscribe`; from here on the chat's resume point is tracked. */
  function resumeSeq(chatId: string): number {
    synced[chatId] = contiguousSeq(synced[chatId] ?? 0, messages[chatId]);
    return synced[chatId]!;
  }

  async function fill(chatId: string): Promise<void> {
    if (filling.has(chatId)) return;
    const era = requestEra();
    const start = synced[chatId] ?? 0;
    const target = gapTarget(start, messages[chatId]);
    if (!target) return;
    filling.add(chatId);
    try {
      let after = start;
      for (let page = 0; page < 50; page++) {
        const { items } = await deps.page(chatId, after, GAP_PAGE);
        if (era !== requestEra()) return;
        deps.receive(chatId, items);
        const last = items[items.length - 1]?.seq;
        if (last === undefined || last >= target || items.length < GAP_PAGE) break;
        after = last;
      }
      synced[chatId] = afterGapFetch(synced[chatId] ?? start, target, messages[chatId]);
    } catch {
      return;
    } finally {
      filling.delete(chatId);
    }
    // Frames that came meanwhile with a hole of their own.
    if (gapTarget(synced[chatId]!, messages[chatId])) void fill(chatId);
  }

  return { latestPage, afterLatestPage, merged, replayed, resumeSeq, fill, reset: () => filling.clear() };
}
