// One colour per series name on every chart of the dashboard: "Median" is the same blue on the
// first-response chart and the resolution chart, so a reader who learnt it once reads both.
// Pure: names map to palette keys (charts.ts turns keys into the page's CSS colours).
export const SERIES_COLOR_KEYS = ['brand', 'accent', 'ok', 'warn', 'violet', 'text3'] as const;
export type SeriesColorKey = (typeof SERIES_COLOR_KEYS)[number];

/** The dashboard's series, each its own colour (no two names share one). */
export const SERIES_COLORS: Readonly<Record<string, SeriesColorKey>> = {
  Chats: 'brand',
  Median: 'accent',
  '90th percentile': 'warn',
  New: 'ok',
  Returning: 'violet',
};

/** The colour of a series name; a name not listed still gets the same colour everywhere (a hash). */
export function seriesColor(name: string): SeriesColorKey {
  const known = SERIES_COLORS[name];
  if (known) return known;
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return SERIES_COLOR_KEYS[h % SERIES_COLOR_KEYS.length]!;
}
