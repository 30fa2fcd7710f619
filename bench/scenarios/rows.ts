/** Flat rows for the report, from the raw measurements. */
import type { FanoutMeasurement } from '../lib/context';

export interface FanoutRow {
  server: string;
  clients: number;
  rate: number;
  postsOk: number;
  postsFailed: number;
  firstPostError: string | null;
  achievedPostRate: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  postP99Ms: number;
  deliveriesPerSecond: number;
  frameBytes: number;
  serverCpuPct: number;
  /** Server CPU time (all measured servers) over the posts taken: the per-post cost, fan-out included. */
  serverCpuMsPerPost: number;
  serverEldP99Ms: number;
  serverRssMB: number;
  generatorCpuPct: number;
  generatorEldP99Ms: number;
  /** CPU used by other processes on the machine during the run, % of one core. */
  otherCpuPct: number | null;
  /** Share of the run the server's main thread waited for its core (other work on it). */
  serverWaitPct: number | null;
  valid: boolean;
  invalidReason: string | null;
  /** Every delivery arrived, the posts went out at (nearly) the asked rate, and p99 met the objective. */
  sustainable: boolean;
  byGroup?: Record<string, { p50Ms: number; p99Ms: number; maxMs: number; delivered: number }>;
}

export function fanoutRow(server: string, clients: number, rate: number, m: FanoutMeasurement, sloMs: number): FanoutRow {
  const r = m.result;
  const s = m.servers[0]!;
  const lost = Math.max(0, r.expected - r.delivered);
  return {
    server,
    clients: r.clients,
    rate,
    postsOk: r.postsOk,
    postsFailed: r.postsFailed,
    firstPostError: r.firstPostError,
    achievedPostRate: r.achievedPostRate,
    expected: r.expected,
    delivered: r.delivered,
    lost,
    duplicates: r.duplicates,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    postP99Ms: r.postLatency.p99,
    deliveriesPerSecond: r.deliveriesPerSecond,
    frameBytes: r.meanFrameBytes,
    serverCpuPct: m.servers.reduce((sum, x) => sum + x.cpuPct, 0),
    serverCpuMsPerPost: m.servers.reduce((sum, x) => sum + x.cpuUserMs + x.cpuSystemMs, 0) / Math.max(1, r.postsOk),
    serverEldP99Ms: Math.max(...m.servers.map((x) => x.eldP99Ms)),
    serverRssMB: s.rssBytes / 1048576,
    generatorCpuPct: r.generator.cpuPct,
    generatorEldP99Ms: r.generator.eldP99Ms,
    otherCpuPct: m.otherCpuPct,
    serverWaitPct: m.servers.some((x) => x.runQueueWaitPct !== null) ? Math.max(...m.servers.map((x) => x.runQueueWaitPct ?? 0)) : null,
    valid: m.validity.valid,
    invalidReason: m.validity.reason,
    sustainable: lost === 0 && r.postsFailed === 0 && r.expected > 0 && r.achievedPostRate >= rate * 0.95 && r.latency.p99 <= sloMs && clients === r.clients,
  };
}
