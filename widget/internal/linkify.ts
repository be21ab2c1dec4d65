// Turns message text into text runs and links. The output is data, rendered by Lit as text
// nodes and <a> elements, so markup in messages can never become markup on the page.
// Only http, https and mailto links are produced: anything else (javascript:, data:, vbscript:,
// file:) stays plain text, because the candidates below can only start with those schemes and
// every href is re-parsed and checked before it is returned.

export interface TextPart {
  text: string;
  /** Present for links; always http:, https: or mailto:. */
  href?: string;
}

const CANDIDATE =
  /\bhttps?:\/\/[^\s<>"'`]+|\bwww\.[^\s<>"'`]+|\bmailto:[^\s<>"'`]+|[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** Drop punctuation that ends a sentence rather than the URL, keeping balanced parentheses. */
function trimTrailing(candidate: string): string {
  let s = candidate;
  for (;;) {
    const last = s.at(-1);
    if (last && '.,;:!?\'"*'.includes(last)) {
      s = s.slice(0, -1);
    } else if (last && ')]}'.includes(last)) {
      const open = { ')': '(', ']': '[', '}': '{' }[last]!;
      if (s.split(open).length >= s.split(last).length) break;
      s = s.slice(0, -1);
    } else {
      break;
    }
  }
  return s;
}

export function safeHref(candidate: string): string | null {
  let raw = candidate;
  if (/^www\./i.test(raw)) raw = `https://${raw}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(raw) && raw.includes('@')) raw = `mailto:${raw}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!SAFE_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  const push = (part: TextPart): void => {
    if (!part.text) return;
    const prev = parts.at(-1);
    // Merge adjacent text runs so a refused candidate does not split the text needlessly.
    if (prev && !prev.href && !part.href) prev.text += part.text;
    else parts.push(part);
  };
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimTrailing(match[0]);
    const href = candidate ? safeHref(candidate) : null;
    if (!href) continue;
    push({ text: text.slice(last, start) });
    push({ text: candidate, href });
    last = start + candidate.length;
  }
  push({ text: text.slice(last) });
  return parts;
}
