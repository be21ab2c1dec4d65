// Theme values come from the organization's settings, typed by an admin: treat them as
// untrusted input. Only plain colours reach CSS, and the text colour on the accent is chosen
// for contrast so a pale brand colour still gives a readable launcher.

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const FN = /^(?:rgb|rgba|hsl|hsla)\(\s*[\d.%\s,/+-]+\)$/i;

export function safeColor(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  return HEX.test(v) || FN.test(v) ? v : null;
}

/** '#fff' or '#111', whichever contrasts more with a hex colour; white for non-hex colours. */
export function textOn(color: string): string {
  if (!HEX.test(color)) return '#fff';
  let hex = color.slice(1);
  if (hex.length <= 4) hex = [...hex].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast against white is 1.05/(L+0.05), against #111 is (L+0.05)/0.0566.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0566 ? '#fff' : '#111';
}

export function safePosition(value: unknown): 'left' | 'right' {
  return value === 'left' ? 'left' : 'right';
}
