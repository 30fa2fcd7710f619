/** What every scenario gets, and the measurements they share. */
import fs from 'node:fs';
import os from 'node:os';
import type { FanoutParams, FanoutResult } from '../processes/loadgen';
import type { Child } from './child';
import type { ProcessSample } from './meter';
import type { BenchOptions } from './options';

export interface BenchContext {
  options: BenchOptions;
  gen: Child;
  log(message: string): void;
  warn(message: string): void;
}

export type ServerSample = ProcessSample & { connections: number };

export interface Validity {
  valid: boolean;
  reason: string | null;
}

/** A run is invalid when the load generator, not the server, may have been the bottleneck. */
export function generatorValidity(options: BenchOptions, generator: ProcessSample): Validity {
  const reasons: string[] = [];
  if (generator.cpuPct >= options.generatorCpuLimitPct) reasons.push(`generator CPU ${generator.cpuPct.toFixed(0)}% ≥ ${options.generatorCpuLimitPct}%`);
  if (generator.eldP99Ms >= options.generatorEldLimitMs) reasons.push(`generator event-loop delay p99 ${generator.eldP99Ms.toFixed(1)} ms ≥ ${options.generatorEldLimitMs} ms`);
  if ((generator.runQueueWaitPct ?? 0) >= RUN_QUEUE_WAIT_LIMIT_PCT) reasons.push(`the generator waited for its CPU ${generator.runQueueWaitPct!.toFixed(0)}% of the time`);
  return { valid: reasons.length === 0, reason: reasons.length ? reasons.join('; ') : null };
}

export interface Measurement<T> {
  result: T;
  servers: ServerSample[];
  /**
   * CPU used on the machine by everything but the measured servers and the generator (% of one core).
   * Informational: whether that work actually held the bench back is the run-queue wait, which decides validity.
   */
  otherCpuPct: number | null;
  validity: Validity;
}

export type FanoutMeasurement = Measurement<FanoutResult>;

/** One fan-out run: server meters around the generator's posting and receiving. */
export function measureFanout(ctx: BenchContext, servers: Child[], params: FanoutParams): Promise<FanoutMeasurement> {
  return measureRun(ctx, servers, () => ctx.gen.call<FanoutResult>('fanout', params));
}

/** Any run of the generator that measures itself: server meters around it, and whether it is valid. */
export async function measureRun<T extends { generator: ProcessSample }>(ctx: BenchContext, servers: Child[], run: () => Promise<T>): Promise<Measurement<T>> {
  await Promise.all(servers.map((s) => s.call('metrics:start')));
  const before = machineCpu();
  const result = await run();
  const after = machineCpu();
  const samples = await Promise.all(servers.map((s) => s.call<ServerSample>('metrics:read')));
  const otherCpuPct = before && after ? otherCpu(before, after, [...samples.map((s) => s.cpuPct), result.generator.cpuPct]) : null;
  const validity = generatorValidity(ctx.options, result.generator);
  const reasons = validity.reason ? [validity.reason] : [];
  const starved = Math.max(...samples.map((s) => s.runQueueWaitPct ?? 0));
  if (starved >= RUN_QUEUE_WAIT_LIMIT_PCT) reasons.push(`the server waited for its CPU ${starved.toFixed(0)}% of the time`);
  return { result, servers: samples, otherCpuPct, validity: { valid: reasons.length === 0, reason: reasons.length ? reasons.join('; ') : null } };
}

/** A server that spent this share of the run waiting for its (pinned) core was held back by other work. */
const RUN_QUEUE_WAIT_LIMIT_PCT = 10;

interface CpuTicks {
  busy: number;
  total: number;
}

/** Whole-machine CPU ticks from /proc/stat (Linux); null elsewhere. */
export function machineCpu(): CpuTicks | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** The machine's busy CPU between two readings, less what the measured processes used, in % of one core. */
export function otherCpu(before: CpuTicks, after: CpuTicks, measuredPct: number[]): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  const busyPct = ((after.busy - before.busy) / total) * os.cpus().length * 100;
  return Math.max(0, busyPct - measuredPct.reduce((sum, p) => sum + p, 0));
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
