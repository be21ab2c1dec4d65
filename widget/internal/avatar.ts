// An agent without a picture is shown as their initials in a coloured circle. The colour comes
// from the name, so one agent keeps one colour in every chat and every tab.

/** "Jonas Berg" → "JB", "cara" → "C", "" → "?". Letters of any script; at most two. */
export function initials(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter((w) => /\p{L}|\p{N}/u.test(w));
  if (!words.length) return '?';
  const first = (w: string): string => (w.match(/[\p{L}\p{N}]/u)?.[0] ?? '').toUpperCase();
  return words.length === 1 ? first(words[0]!) : first(words[0]!) + first(words[words.length - 1]!);
}

/** A hue (0–359) from the name: stable, spread across the wheel. */
export function avatarHue(name: string | null | undefined): number {
  let h = 0;
  for (const ch of name ?? '') h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h % 360;
}
