// The chart.js configuration of one dashboard trend (TrendChart.vue): a value per local day, as
// bars (counts, optionally stacked) or lines (durations). Days come as `YYYY-MM-DD` of the
// organization's zone; labels and tooltips format them without shifting, durations read "1m 20s".
// Pure: the colours come in as a palette (charts.ts reads them from the page).
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import type { palette } from './charts';
import { durationStep, formatDay, formatDayLong, formatDuration } from './format';
import { seriesColor } from './seriesColors';

/** A series' colour follows its label (seriesColors.ts), the same on every chart. */
export interface Series {
  label: string;
  data: (number | null)[];
}

export interface Trend {
  kind: 'bar' | 'line';
  days: string[];
  series: Series[];
  unit: 'count' | 'duration';
  stacked?: boolean;
  /** Extra tooltip line for a day (e.g. how many chats a median rests on). */
  footer?: (index: number) => string | undefined;
}

export type Palette = ReturnType<typeof palette>;
type Item = TooltipItem<'bar' | 'line'>;

/** A value as the axis and the tooltip show it. */
export function formatValue(unit: Trend['unit'], value: number): string {
  return unit === 'duration' ? formatDuration(value) : String(value);
}

/** The highest value of any series (0 when there is none). */
export function maxValue(series: Series[]): number {
  return Math.max(0, ...series.flatMap((s) => s.data.map((v) => v ?? 0)));
}

/**
 * One dataset a series: solid bars, or a line over a faint fill. Lines bend with monotone cubic
 * interpolation: it never overshoots its points, so a curve between two values stays between them
 * (a Bézier tension let a p90 line dip below 0 between two small values).
 */
export function datasets(t: Trend, p: Palette) {
  return t.series.map((s) => {
    const colour = p[seriesColor(s.label)];
    return {
      label: s.label,
      data: s.data,
      backgroundColor: t.kind === 'bar' ? colour : `${colour}22`,
      borderColor: colour,
      borderWidth: t.kind === 'bar' ? 0 : 2,
      borderRadius: t.kind === 'bar' ? 3 : 0,
      pointRadius: t.days.length > 45 ? 0 : 3,
      pointHoverRadius: 5,
      cubicInterpolationMode: 'monotone' as const,
      spanGaps: true,
      maxBarThickness: 36,
      ...(t.stacked ? { stack: 'days' } : {}),
    };
  });
}

/** The legend, below the chart, only when there is more than one series. */
export function legend(t: Trend, p: Palette) {
  return {
    display: t.series.length > 1,
    position: 'bottom',
    labels: { color: p.text2, boxWidth: 10, boxHeight: 10, usePointStyle: true, font: { family: p.font, size: 12 } },
  };
}

/** The tooltip: the long day as title, each series' value ("no data" for a gap), the footer line. */
export function tooltip(t: Trend, p: Palette) {
  return {
    backgroundColor: p.text,
    titleFont: { family: p.font, weight: 'bold' },
    bodyFont: { family: p.font },
    footerFont: { family: p.font, weight: 'normal' },
    footerColor: '#c3c8d2',
    padding: 10,
    callbacks: {
      title: (items: Item[]) => formatDayLong(t.days[items[0]?.dataIndex ?? 0] ?? ''),
      label: (item: Item) => {
        const v = item.raw as number | null;
        return ` ${item.dataset.label}: ${v === null || v === undefined ? 'no data' : formatValue(t.unit, v)}`;
      },
      footer: (items: Item[]) => t.footer?.(items[0]?.dataIndex ?? 0) ?? '',
    },
  };
}

/** The day axis: short day labels, skipped where they would crowd. */
export function dayAxis(t: Trend, p: Palette) {
  return {
    stacked: t.stacked ?? false,
    grid: { display: false },
    border: { color: p.border },
    ticks: {
      color: p.text2,
      font: { family: p.font, size: 11 },
      maxRotation: 0,
      autoSkip: true,
      autoSkipPadding: 12,
      callback: (_value: unknown, index: number) => formatDay(t.days[index] ?? ''),
    },
  };
}

/**
 * The value axis from zero, clamped there (counts and durations are never negative): whole counts
 * or round durations, with some height when all is 0.
 */
export function valueAxis(t: Trend, p: Palette) {
  const max = maxValue(t.series);
  const stepSize = t.unit === 'duration' ? durationStep(max) : undefined;
  return {
    stacked: t.stacked ?? false,
    beginAtZero: true,
    min: 0,
    grid: { color: p.border },
    border: { display: false },
    ticks: {
      color: p.text2,
      font: { family: p.font, size: 11 },
      precision: 0,
      maxTicksLimit: 6,
      ...(stepSize ? { stepSize } : {}),
      callback: (value: unknown) => formatValue(t.unit, Number(value)),
    },
    ...(t.unit === 'duration' && max === 0 ? { suggestedMax: 60_000 } : {}),
    ...(t.unit === 'count' && max === 0 ? { suggestedMax: 5 } : {}),
  };
}

/** The whole configuration, from its parts. */
export function trendConfig(t: Trend, p: Palette): ChartConfiguration {
  return {
    type: t.kind,
    data: { labels: t.days, datasets: datasets(t, p) },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: { duration: 250 },
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: legend(t, p), tooltip: tooltip(t, p) },
      scales: { x: dayAxis(t, p), y: valueAxis(t, p) },
    },
  } as ChartConfiguration;
}
