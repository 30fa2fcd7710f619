/**
 * A bar chart drawn on the server as SVG: no script, no external file, nothing the CSP would block
 * (colours are presentation attributes, not style attributes). It names itself with <title> and
 * summarises itself in <desc> for screen readers; the page puts a data table beside it for the
 * numbers. Pure: the same input always gives the same markup. Every word in it comes from the
 * caller, already in the reader's language.
 */
export interface BarChartInput {
  /** Unique on the page: the ids of <title> and <desc> derive from it. */
  id: string;
  title: string;
  /** One or two sentences a screen reader reads after the title. */
  description: string;
  labels: readonly string[];
  values: readonly number[];
  /** Each bar's tooltip ("12 Oct: 3 replies"). */
  barTitle: (label: string, value: number) => string;
  /** The scale's numbers written the reader's way (2,000 / 2000); plain digits when left out. */
  formatValue?: (value: number) => string;
}

const WIDTH = 480;
const HEIGHT = 200;
const PLOT = { left: 34, right: 8, top: 12, bottom: 28 };
const BAR_FILL = '#0b5cad';
const AXIS = '#4f5661';

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A round top for the scale (1, 2, 5, 10, 20, 50, ...) at or above the largest value. */
export function niceMax(largest: number): number {
  if (largest <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(largest));
  return [1, 2, 5, 10].map((step) => step * magnitude).find((top) => top >= largest)!;
}

const fixed = (n: number) => Number(n.toFixed(1));

export function barChartSvg(input: BarChartInput): string {
  if (input.labels.length !== input.values.length) throw new Error('a bar chart needs one label per value');
  const id = input.id.replace(/[^A-Za-z0-9_-]/g, '');
  const top = niceMax(Math.max(0, ...input.values));
  const written = input.formatValue ?? String;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const slot = plotWidth / Math.max(1, input.values.length);
  const barWidth = fixed(slot * 0.7);
  const baseline = PLOT.top + plotHeight;
  // Every label fits up to eight bars; beyond that every other one, so they never overlap at 360 px.
  const labelEvery = input.values.length > 8 ? 2 : 1;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
    `<title id="${id}-title">${escapeXml(input.title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(input.description)}</desc>`,
    `<line x1="${PLOT.left}" y1="${baseline}" x2="${WIDTH - PLOT.right}" y2="${baseline}" stroke="${AXIS}" stroke-width="1"/>`,
    `<line x1="${PLOT.left}" y1="${PLOT.top}" x2="${WIDTH - PLOT.right}" y2="${PLOT.top}" stroke="#d5d9df" stroke-width="1" stroke-dasharray="4 3"/>`,
    `<text x="${PLOT.left - 6}" y="${PLOT.top + 4}" text-anchor="end" font-size="12" fill="${AXIS}">${escapeXml(written(top))}</text>`,
    `<text x="${PLOT.left - 6}" y="${baseline + 4}" text-anchor="end" font-size="12" fill="${AXIS}">${escapeXml(written(0))}</text>`,
  ];
  input.values.forEach((value, i) => {
    const height = fixed((Math.max(0, value) / top) * plotHeight);
    const x = fixed(PLOT.left + i * slot + (slot - barWidth) / 2);
    const label = input.labels[i]!;
    parts.push(`<rect x="${x}" y="${fixed(baseline - height)}" width="${barWidth}" height="${height}" fill="${BAR_FILL}"><title>${escapeXml(input.barTitle(label, value))}</title></rect>`);
    if (i % labelEvery === 0) {
      parts.push(`<text x="${fixed(x + barWidth / 2)}" y="${baseline + 18}" text-anchor="middle" font-size="12" fill="${AXIS}">${escapeXml(label)}</text>`);
    }
  });
  parts.push('</svg>');
  return parts.join('');
}
