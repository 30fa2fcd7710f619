import { barChartSvg, niceMax } from '../../src/rendering/svg-chart';
import { formatDuration } from '../../src/presenters/insights';
import { median } from '../../src/domain/care';

/** The server-drawn chart and the small figures around it. */
describe('server-drawn bar charts', () => {
  const chart = (values: number[], labels = values.map((_, i) => `W${i + 1}`)) =>
    barChartSvg({ id: 'replies', title: 'Replies <per> week', description: 'Twelve "weeks" & more', labels, values, barTitle: (label, n) => `${label}: ${n} ${n === 1 ? 'reply' : 'replies'}` });

  it('names and describes itself for screen readers, with escaped text', () => {
    const svg = chart([1, 2]);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="replies-title replies-desc"/);
    expect(svg).toContain('<title id="replies-title">Replies &lt;per&gt; week</title>');
    expect(svg).toContain('<desc id="replies-desc">Twelve &quot;weeks&quot; &amp; more</desc>');
    expect(svg).not.toContain('style=');
  });

  it('draws one bar per value, as tall as its share of a round scale, each with its own tooltip', () => {
    const svg = chart([0, 5, 10]);
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toEqual([0, 80, 160]);
    expect(svg).toContain('<title>W2: 5 replies</title>');
    expect(svg).toContain('<title>W1: 0 replies</title>');
    expect(chart([1])).toContain('<title>W1: 1 reply</title>');
  });

  it('labels every other week when there are many, so labels never overlap', () => {
    const labels = [...chart(Array.from({ length: 12 }, () => 1)).matchAll(/<text [^>]*text-anchor="middle"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(labels).toEqual(['W1', 'W3', 'W5', 'W7', 'W9', 'W11']);
  });

  it('copes with no activity at all', () => {
    expect(chart([0, 0])).toContain('height="0"');
    expect(niceMax(0)).toBe(1);
    expect([niceMax(3), niceMax(7), niceMax(10), niceMax(11), niceMax(230)]).toEqual([5, 10, 10, 20, 500]);
  });

  it('refuses labels and values that do not match', () => {
    expect(() => chart([1, 2], ['W1'])).toThrow();
  });
});

describe('figures', () => {
  it('says durations the way people do', () => {
    expect(formatDuration(20_000, 'en')).toBe('under a minute');
    expect(formatDuration(60_000, 'en')).toBe('1 minute');
    expect(formatDuration(45 * 60_000, 'en')).toBe('45 minutes');
    expect(formatDuration(2 * 3_600_000, 'en')).toBe('2 hours');
    expect(formatDuration(5 * 3_600_000 + 10 * 60_000, 'en')).toBe('5 hours 10 minutes');
    expect(formatDuration(3 * 86_400_000, 'en')).toBe('3 days');
    expect(formatDuration(5 * 3_600_000 + 10 * 60_000, 'es')).toBe('5 horas y 10 minutos');
  });

  it('takes the median of odd and even lists', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
