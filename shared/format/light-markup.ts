// Light formatting in chat messages, the same for the widget and the console: *bold* or **bold**,
// _italics_, and lists (lines starting with "- " or "1. "). A pure parser into plain data —
// text spans with flags — that each side renders as its own templates, never as HTML, so user
// text can never become markup. Links are found later, in each span's text (linkify).
//
// A marker only counts where a person would mean it: it opens after a space, punctuation or the
// start and before a non-space, and closes after a non-space and before a space, punctuation or
// the end, on the same line. So 2*3*4, snake_case_name, a * b and unclosed markers stay as typed,
// and underscores inside links are left alone.

export interface Span {
  text: string;
  bold?: true;
  italic?: true;
}

export type Block =
  | { kind: 'text'; spans: Span[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Span[][] };

const WORD = /[\p{L}\p{N}]/u;
const LINK = /(?:https?:\/\/|mailto:|www\.)\S+/y;
const BULLET = /^\s*[-•]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,4})[.)]\s+(.*)$/;

const isWord = (ch: string | undefined): boolean => ch !== undefined && WORD.test(ch);
const isSpace = (ch: string | undefined): boolean => ch === undefined || /\s/.test(ch);

/** Where the marker opened at `from` closes on this line, or -1. */
function closer(s: string, from: number, marker: string): number {
  for (let j = from + 1; j < s.length; j++) {
    if (s[j] === '\n') return -1;
    if (!s.startsWith(marker, j) || isSpace(s[j - 1])) continue;
    const after = s[j + marker.length];
    // A single * followed by another * is the start of **, not this closer.
    if (marker === '*' && after === '*') continue;
    if (!isWord(after) && after !== marker[0]) return j;
  }
  return -1;
}

function inline(s: string, flags: Omit<Span, 'text'>, out: Span[]): void {
  let plain = '';
  const flush = (): void => {
    if (plain) out.push({ text: plain, ...flags });
    plain = '';
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (!isWord(s[i - 1])) {
      LINK.lastIndex = i;
      const link = LINK.exec(s);
      if (link) {
        plain += link[0];
        i += link[0].length;
        continue;
      }
    }
    if (ch === '*' || ch === '_') {
      const marker = ch === '*' && s[i + 1] === '*' ? '**' : ch;
      const opens = !isWord(s[i - 1]) && s[i - 1] !== ch && !isSpace(s[i + marker.length]);
      const end = opens ? closer(s, i + marker.length, marker) : -1;
      if (end > i + marker.length) {
        flush();
        inline(s.slice(i + marker.length, end), ch === '*' ? { ...flags, bold: true } : { ...flags, italic: true }, out);
        i = end + marker.length;
        continue;
      }
      plain += marker;
      i += marker.length;
      continue;
    }
    plain += ch;
    i++;
  }
  flush();
}

/** The spans of one piece of text (a paragraph or a list item). */
export function parseInline(text: string): Span[] {
  const out: Span[] = [];
  inline(text, {}, out);
  return out;
}

/** Paragraphs (line breaks kept inside) and lists, in order. */
export function parseLightMarkup(text: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const endPara = (): void => {
    if (para.length) blocks.push({ kind: 'text', spans: parseInline(para.join('\n')) });
    para = [];
  };
  for (const line of text.split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (!bullet && !numbered) {
      para.push(line);
      continue;
    }
    endPara();
    const ordered = !!numbered;
    const item = parseInline(bullet ? bullet[1]! : numbered![2]!);
    const last = blocks[blocks.length - 1];
    if (last?.kind === 'list' && last.ordered === ordered) last.items.push(item);
    else blocks.push({ kind: 'list', ordered, start: numbered ? Number(numbered[1]) : 1, items: [item] });
  }
  endPara();
  return blocks;
}
