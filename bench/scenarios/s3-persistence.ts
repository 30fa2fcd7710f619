/**
 * S3 persistence: how many posts per second the full command path stores (HTTP API → session →
 * CSRF → validation → startThread's transaction → event bus → broadcast to an empty room), with
 * 1..K posters posting back to back. On SQLite always; on MongoDB too when MONGODB_URI is set.
 */
import type { Child } from '../lib/child';
import { generatorValidity, pause, type BenchContext, type ServerSample } from '../lib/context';
import type { ProcessSample } from '../lib/meter';
import { startAgoraProcess, newSecret, scratchDir } from '../lib/servers';
import type { Summary } from '../lib/stats';
import { launchPeople, registerGeneratorPlatform } from './setup';

export interface S3Row {
  storage: string;
  /** People in the course posted to (the per-post cost may grow with it). */
  courseMembers: number;
  concurrency: number;
  posts: number;
  failed: number;
  firstError: string | null;
  perSecond: number;
  latency: Summary;
  serverCpuPct: number;
  serverCpuMsPerPost: number;
  serverEldP99Ms: number;
  generatorCpuPct: number;
  valid: boolean;
  invalidReason: string | null;
}

export async function runS3(ctx: BenchContext, agora: { child: Child; url: string }, storage = 'sqlite', course?: { courseId: string; subs: string[]; members: number }): Promise<S3Row[]> {
  const { options } = ctx;
  const posters = course ?? await launchPeople(ctx, agora.url, { prefix: `s3-${storage}`, count: options.posters, instructors: 1, contextId: `bench-s3-${storage}`, contextTitle: 'Bench S3' });
  const members = course?.members ?? options.posters;
  const rows: S3Row[] = [];
  for (const concurrency of options.s3Concurrency) {
    await agora.child.call('metrics:start');
    const burst = await ctx.gen.call<{ posts: number; failed: number; firstError: string | null; perSecond: number; latency: Summary; generator: ProcessSample }>('http-burst', {
      url: agora.url, courseId: posters.courseId, subs: posters.subs, concurrency, durationMs: options.s3DurationMs,
    });
    const server = await agora.child.call<ServerSample>('metrics:read');
    const checked = generatorValidity(options, burst.generator);
    const starved = (server.runQueueWaitPct ?? 0) >= 10;
    const validity = starved ? { valid: false, reason: [checked.reason, `the server waited for its CPU ${server.runQueueWaitPct!.toFixed(0)}% of the time`].filter(Boolean).join('; ') } : checked;
    const row: S3Row = {
      storage,
      courseMembers: members,
      concurrency,
      posts: burst.posts,
      failed: burst.failed,
      firstError: burst.firstError,
      perSecond: burst.perSecond,
      latency: burst.latency,
      serverCpuPct: server.cpuPct,
      serverCpuMsPerPost: (server.cpuUserMs + server.cpuSystemMs) / Math.max(1, burst.posts),
      serverEldP99Ms: server.eldP99Ms,
      generatorCpuPct: burst.generator.cpuPct,
      valid: validity.valid,
      invalidReason: validity.reason,
    };
    rows.push(row);
    ctx.log(`S3 ${storage} (${members} members) ${concurrency} poster(s): ${row.perSecond.toFixed(0)} posts/s, p50 ${row.latency.p50.toFixed(1)} p99 ${row.latency.p99.toFixed(1)} ms, server CPU ${row.serverCpuPct.toFixed(0)}%${row.failed ? `, ${row.failed} failed (${row.firstError})` : ''}`);
    await pause(500);
  }
  return rows;
}

/** S3 on MongoDB, in a process of its own, when MONGODB_URI is set. */
export async function runS3Mongo(ctx: BenchContext, mongodbUri: string): Promise<S3Row[]> {
  const dataDir = scratchDir('s3-mongo');
  const agora = await startAgoraProcess({ name: 'agora (mongodb)', core: ctx.options.serverCore, nice: ctx.options.nice, dataDir, secret: newSecret(), mongodbUri, postsPerMinute: 1_000_000, verbose: ctx.options.verbose });
  try {
    await registerGeneratorPlatform(ctx, agora.child);
    return await runS3(ctx, agora, 'mongodb');
  } finally {
    await agora.child.stop();
  }
}
