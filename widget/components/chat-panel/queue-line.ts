// The header's line while the visitor waits: their place in the team's queue and, when the team
// has enough recent chats to say, the usual wait (the median time-to-claim, from the server).
import type { Translate } from '../../internal/strings';

export function queueLine(t: Translate, position: number, waitSeconds: number | null): string {
  const where = position === 1 ? t('queueNext') : t('queuePosition', { n: position });
  if (waitSeconds === null) return where;
  const wait = waitSeconds < 60 ? t('underMinute') : t('minutes', { n: Math.round(waitSeconds / 60) });
  return `${where} · ${t('queueWait', { wait })}`;
}
