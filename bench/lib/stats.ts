import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export const EMPTY_SUMMARY: Summary = { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };

/** Percentiles of a list of numbers (nearest-rank). */
export function summarize(values: number[]): Summary {
  if (values.length === 0) return { ...EMPTY_SUMMARY };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return {
    count: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
  };
}

/** A native histogram of milliseconds, recorded in microseconds (cheap on the hot path). */
export class LatencyHistogram {
  private readonly histogram: RecordableHistogram = createHistogram({ lowest: 1, highest: 120_000_000, figures: 3 });

  recordMs(ms: number): void {
    this.histogram.record(Math.max(1, Math.min(120_000_000, Math.round(ms * 1000))));
  }

  summary(): Summary {
    const h = this.histogram;
    if (h.count === 0) return { ...EMPTY_SUMMARY };
    return { count: h.count, p50: h.percentile(50) / 1000, p95: h.percentile(95) / 1000, p99: h.percentile(99) / 1000, max: h.max / 1000, mean: h.mean / 1000 };
  }
}

export const round = (value: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
