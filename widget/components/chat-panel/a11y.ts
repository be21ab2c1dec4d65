// Keyboard and screen-reader help for the open panel: Tab and Shift+Tab cycle inside it (the
// panel is a dialog; focus does not wander off into the host page), and new messages from the
// team are announced once, politely, as "New message from Jonas: …".
import type { MessageDto } from '../../../shared/types';
import type { Translate } from '../../internal/strings';

const FOCUSABLE = 'button:not([disabled]),a[href],input:not([disabled]):not([type="hidden"]),textarea:not([disabled]),select:not([disabled]),[tabindex]:not([tabindex="-1"])';

/** Focusable elements in document order, looking into open shadow roots (each child element has its own). */
function focusables(root: ParentNode, out: HTMLElement[] = []): HTMLElement[] {
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('*'))) {
    if (el.matches(FOCUSABLE) && el.getClientRects().length > 0) out.push(el);
    if (el.shadowRoot) focusables(el.shadowRoot, out);
  }
  return out;
}

/** The element that has focus, looked up through shadow roots. */
function deepActive(root: Document | ShadowRoot): Element | null {
  let a = root.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** On Tab at the first or last focusable of `panel`, wrap around instead of leaving. */
export function trapTab(e: KeyboardEvent, panel: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const list = focusables(panel);
  if (!list.length) return;
  const active = deepActive(document);
  const first = list[0]!;
  const last = list[list.length - 1]!;
  const at = active ? list.indexOf(active as HTMLElement) : -1;
  if (e.shiftKey && (at === 0 || at === -1)) (e.preventDefault(), last.focus());
  else if (!e.shiftKey && (at === list.length - 1 || at === -1)) (e.preventDefault(), first.focus());
}

/**
 * Which message to announce: the newest from the team after `afterSeq`. History is not
 * announced — the caller starts `afterSeq` at what was already there.
 */
export function toAnnounce(messages: readonly MessageDto[], afterSeq: number): MessageDto | null {
  for (let i = messages.length - 1; i >= 0 && messages[i]!.seq > afterSeq; i--) {
    const m = messages[i]!;
    if (m.author.kind === 'agent' || m.author.kind === 'bot') return m;
  }
  return null;
}

/** What the live region says: the newest team message since the last render (history is not read out). */
export class Announcer {
  private seenSeq = -1;
  private said = '';

  next(messages: readonly MessageDto[], t: Translate): string {
    const m = this.seenSeq < 0 ? null : toAnnounce(messages, this.seenSeq);
    if (messages.length) this.seenSeq = messages[messages.length - 1]!.seq;
    if (m) this.said = t('newMessageFrom', { name: m.author.name || t('agent'), text: m.text });
    return this.said;
  }
}
