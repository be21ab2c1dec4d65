// The header's line while the visitor waits: their place in the team's queue and, when the team
// has enough recent chats to say, the usual wait (the median time-to-claim, from the server).
import type { Translate } from '../../internal/strings';

const waitText = (t: Translate, seconds: number): string => (seconds < 60 ? t('underMinute') : t('minutes', { n: Math.round(seconds / 60) }));

export function queueLine(t: Translate, position: number, waitSeconds: number | null): string {
  const where = position === 1 ? t('queueNext') : t('queuePosition', { n: position });
  if (waitSeconds === null) return where;
  // "usually about under a minute" reads wrong: short waits have their own phrase.
  return `${where} · ${waitSeconds < 60 ? t('queueWaitShort') : t('queueWait', { wait: waitText(t, waitSeconds) })}`;
}

/** Before the visitor writes: "Usually replies in 3 min" (the same median), or nothing without data. */
export function replyLine(t: Translate, replySeconds: number | null | undefined): string {
  return replySeconds === null || replySeconds === undefined ? '' : t('usuallyReplies', { wait: waitText(t, replySeconds) });
}
