// Splits user text into plain text and links. Only http, https and mailto become links; the
// caller renders every segment as text (never HTML), so nothing in user text can inject markup.
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const PATTERN = /\b(?:https?:\/\/[^\s<>"']+|mailto:[^\s<>"']+|www\.[^\s<>"']+|[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,})/gi;
// Punctuation that usually ends the sentence rather than the URL.
const TRAILING = /[.,;:!?'")\]}]+$/;

function hrefFor(raw: string): string | null {
  let href = raw;
  if (/^www\./i.test(raw)) href = `https://${raw}`;
  else if (!/^(https?:|mailto:)/i.test(raw)) href = `mailto:${raw}`;
  try {
    const url = new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') return null;
    if (url.protocol !== 'mailto:' && !url.hostname) return null;
    return href;
  } catch {
    return null;
  }
}

export function linkify(text: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  const push = (t: string) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'text') prev.text += t;
    else out.push({ kind: 'text', text: t });
  };
  for (const m of text.matchAll(PATTERN)) {
    const start = m.index ?? 0;
    let raw = m[0];
    // Keep a closing paren that balances an opening one inside the URL (Wikipedia links).
    let trail = raw.match(TRAILING)?.[0] ?? '';
    if (trail.startsWith(')') && (raw.match(/\(/g)?.length ?? 0) > (raw.slice(0, -trail.length).match(/\)/g)?.length ?? 0)) {
      trail = trail.slice(1);
    }
    raw = trail ? raw.slice(0, raw.length - trail.length) : raw;
    const href = hrefFor(raw);
    push(text.slice(last, start));
    if (href && raw.length > 0) out.push({ kind: 'link', text: raw, href });
    else push(raw);
    push(trail);
    last = start + m[0].length;
  }
  push(text.slice(last));
  return out;
}
