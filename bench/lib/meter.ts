import fs from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** What one process measured of itself over a measurement window. */
export interface ProcessSample {
  wallMs: number;
  /** CPU time over wall time, in percent of one core (process.cpuUsage: user + system). */
  cpuPct: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** perf_hooks.monitorEventLoopDelay over the window. */
  eldP50Ms: number;
  eldP99Ms: number;
  eldMaxMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /**
   * Share of the window the main thread was runnable but waiting for a CPU (Linux schedstat): how much
   * other work on its core held it back. Null where /proc is not available.
   */
  runQueueWaitPct: number | null;
}

export interface MemorySample {
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
}

/**
 * perf_hooks' event-loop delay histogram samples with a timer of this period, and what it records is
 * the time between the timer's ticks: the period itself is included (an idle process reads ≈ 10 ms).
 * The delay proper is a reading minus this (S2 reports it so; S1's columns show the raw readings).
 */
export const ELD_SAMPLING_MS = 10;

/** CPU, event-loop delay and memory of the current process, between start() and read(). */
export class ProcessMeter {
  private readonly eld: IntervalHistogram = monitorEventLoopDelay({ resolution: ELD_SAMPLING_MS });
  private cpu = process.cpuUsage();
  private startedAt = process.hrtime.bigint();
  private waitedNs = runQueueWaitNs();

  constructor() {
    this.eld.enable();
  }

  start(): void {
    this.eld.reset();
    this.cpu = process.cpuUsage();
    this.startedAt = process.hrtime.bigint();
    this.waitedNs = runQueueWaitNs();
  }

  read(): ProcessSample {
    const cpu = process.cpuUsage(this.cpu);
    const wallMs = Number(process.hrtime.bigint() - this.startedAt) / 1e6;
    const memory = process.memoryUsage();
    const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
    const waited = runQueueWaitNs();
    return {
      wallMs,
      cpuPct: wallMs > 0 ? ((cpu.user + cpu.system) / 1000 / wallMs) * 100 : 0,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      eldP50Ms: this.eld.count > 0 ? ms(this.eld.percentile(50)) : 0,
      eldP99Ms: this.eld.count > 0 ? ms(this.eld.percentile(99)) : 0,
      eldMaxMs: this.eld.count > 0 ? ms(this.eld.max) : 0,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      runQueueWaitPct: waited !== null && this.waitedNs !== null && wallMs > 0 ? ((waited - this.waitedNs) / 1e6 / wallMs) * 100 : null,
    };
  }
}

/** Nanoseconds this process's main thread has spent runnable but waiting for a CPU (/proc/self/schedstat). */
function runQueueWaitNs(): number | null {
  try {
    const fields = fs.readFileSync('/proc/self/schedstat', 'utf8').trim().split(/\s+/);
    const waited = Number(fields[1]);
    return Number.isFinite(waited) ? waited : null;
  } catch {
    return null;
  }
}

/** Memory after a full collection when the process runs with --expose-gc (the bench starts servers so). */
export async function settledMemory(): Promise<MemorySample> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i += 1) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const memory = process.memoryUsage();
  return { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, externalBytes: memory.external };
}
