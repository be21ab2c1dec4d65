// chart.js, tree-shaken: only the pieces the dashboard draws are registered, and this module is
// imported only from the dashboard route, so chart.js stays out of the console's first load.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export { Chart };

/** The console's colours (CSS custom properties), read once the page is styled. */
export function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    brand: v('--brand', '#e2552b'),
    accent: v('--accent', '#2f6fed'),
    ok: v('--ok', '#1f9d55'),
    warn: v('--warn', '#b7791f'),
    // Not a console colour of its own: the fifth series (returning contacts) needs one.
    violet: v('--violet', '#7c5cd6'),
    text: v('--text', '#1d2330'),
    text2: v('--text-2', '#5b6474'),
    text3: v('--text-3', '#8b93a1'),
    border: v('--border', '#e3e6ea'),
    font: v('--font', 'system-ui, sans-serif'),
  };
}
