// A snippet's highlight ranges turned into text segments, so the template renders them as text
// (never as HTML: the snippet is user text).
export interface Segment {
  text: string;
  hit: boolean;
}

export function segmentsOf(text: string, highlights: readonly { start: number; end: number }[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    const start = Math.max(at, Math.min(h.start, text.length));
    const end = Math.max(start, Math.min(h.end, text.length));
    if (start > at) out.push({ text: text.slice(at, start), hit: false });
    if (end > start) out.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hit: false });
  return out;
}
