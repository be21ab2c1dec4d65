import { describe, expect, test } from 'bun:test';
import { dayAxis, datasets, legend, tooltip, trendConfig, valueAxis, type Palette, type Trend } from './trendConfig';

const p: Palette = { brand: '#e2552b', accent: '#2f6fed', ok: '#1f9d55', warn: '#b7791f', violet: '#7c5cd6', text: '#1d2330', text2: '#5b6474', text3: '#8b93a1', border: '#e3e6ea', font: 'system-ui' };
const trend = (over: Partial<Trend> = {}): Trend => ({
  kind: 'line',
  unit: 'duration',
  days: ['2026-03-01', '2026-03-02'],
  series: [{ label: 'Median', data: [90_000, null] }],
  ...over,
});

describe('trendConfig', () => {
  test('bars are solid, lines a faint fill; stacked series share one stack', () => {
    const [bar] = datasets(trend({ kind: 'bar', stacked: true }), p);
    expect(bar).toMatchObject({ backgroundColor: '#2f6fed', borderWidth: 0, borderRadius: 3, stack: 'days' });
    const [line] = datasets(trend(), p);
    expect(line).toMatchObject({ backgroundColor: '#2f6fed22', borderWidth: 2, borderRadius: 0 });
    expect(line).not.toHaveProperty('stack');
  });

  test('a legend only for more than one series', () => {
    expect(legend(trend(), p).display).toBe(false);
    expect(legend(trend({ series: [...trend().series, { label: 'P90', data: [1, 2] }] }), p).display).toBe(true);
  });

  test('tooltips name a gap "no data" and format durations', () => {
    const { label } = tooltip(trend(), p).callbacks;
    const item = (raw: number | null) => ({ raw, dataset: { label: 'Median' } }) as unknown as Parameters<typeof label>[0];
    expect(label(item(null))).toBe(' Median: no data');
    expect(label(item(90_000))).toBe(' Median: 1m 30s');
  });

  test('an empty chart still has height: a minute of durations, five counts', () => {
    expect(valueAxis(trend({ series: [] }), p)).toHaveProperty('suggestedMax', 60_000);
    expect(valueAxis(trend({ unit: 'count', series: [] }), p)).toHaveProperty('suggestedMax', 5);
    expect(valueAxis(trend(), p)).not.toHaveProperty('suggestedMax');
  });

  test('lines never overshoot their points (monotone cubic), and the value axis stops at 0', () => {
    for (const d of datasets(trend(), p)) {
      expect(d.cubicInterpolationMode).toBe('monotone');
      expect(d).not.toHaveProperty('tension');
    }
    expect(valueAxis(trend(), p)).toMatchObject({ min: 0, beginAtZero: true });
  });

  test("a series has its name's colour on every chart", () => {
    const first = datasets(trend({ series: [{ label: 'Median', data: [1] }, { label: '90th percentile', data: [2] }] }), p);
    const resolution = datasets(trend({ series: [{ label: '90th percentile', data: [3] }, { label: 'Median', data: [4] }] }), p);
    const colour = (ds: typeof first, label: string) => ds.find((d) => d.label === label)?.borderColor;
    expect(colour(first, 'Median')).toBe(colour(resolution, 'Median'));
    expect(colour(first, '90th percentile')).toBe(colour(resolution, '90th percentile'));
    expect(colour(first, 'Median')).not.toBe(colour(first, '90th percentile'));
  });

  test('the parts make the whole', () => {
    const t = trend({ kind: 'bar', unit: 'count' });
    const c = trendConfig(t, p);
    expect(c.type).toBe('bar');
    expect(c.data.labels).toEqual(t.days);
    expect(JSON.stringify(c.options?.scales)).toBe(JSON.stringify({ x: dayAxis(t, p), y: valueAxis(t, p) }));
  });
});
