import { performance } from 'node:perf_hooks';

export interface PacedResult {
  /** Requests issued (all of them, once this resolves). */
  sent: number;
  ok: number;
  failed: number;
  firstError: string | null;
  /** When the first request went (performance.now()). */
  startedAt: number;
  /** From the first request to the last one issued: what the achieved rate is measured over. */
  sendingMs: number;
}

/**
 * Issues `send(n)` for n = 0 … count-1 on an open-loop schedule of `rate` per second: it never
 * waits for answers before sending the next one, so a slow server shows up as latency, not as a
 * lower offered rate. Resolves once every request has settled.
 */
export async function sendPaced(count: number, rate: number, send: (n: number) => Promise<void>): Promise<PacedResult> {
  const start = performance.now();
  const result: PacedResult = { sent: 0, ok: 0, failed: 0, firstError: null, startedAt: start, sendingMs: 0 };
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / rate;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (result.sent < count && start + result.sent * interval <= now) {
        const request: Promise<void> = send(result.sent++)
          .then(() => {
            result.ok += 1;
          })
          .catch((error: unknown) => {
            result.failed += 1;
            result.firstError ??= error instanceof Error ? error.message : String(error);
          })
          .finally(() => inFlight.delete(request));
        inFlight.add(request);
      }
      if (result.sent < count) setTimeout(tick, Math.max(0, start + result.sent * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  result.sendingMs = performance.now() - start;
  while (inFlight.size > 0) await Promise.all([...inFlight]);
  return result;
}
