/**
 * S5: full LTI launches (OIDC login → signed id_token → launch → course home), one at a time for
 * latency and several at once for throughput, into a course holding many threads; then the course
 * home and the thread list rendered again and again. Times are measured at the client over
 * loopback, so they include HTTP; the LMS's signing (in the generator) is reported apart.
 */
import type { Child } from '../lib/child';
import { pause, type BenchContext, type ServerSample } from '../lib/context';
import type { Summary } from '../lib/stats';
import { launchPeople, type LaunchBatch } from './setup';

export interface RenderRow {
  page: string;
  path: string;
  latency: Summary;
  bytes: number;
  bad: number;
}

export interface S5Result {
  threads: number;
  seeding: { posts: number; perSecond: number; failed: number };
  sequential: Pick<LaunchBatch, 'launched' | 'perSecond' | 'timings'> & { serverCpuPct: number; serverWaitPct: number | null };
  concurrent: Pick<LaunchBatch, 'launched' | 'perSecond' | 'timings'> & { concurrency: number; serverCpuPct: number; serverEldP99Ms: number; serverWaitPct: number | null };
  renders: RenderRow[];
}

export async function runS5(ctx: BenchContext, agora: { child: Child; url: string }): Promise<S5Result> {
  const { options } = ctx;
  const course = { contextId: 'bench-s5', contextTitle: 'Bench S5' };
  const posters = await launchPeople(ctx, agora.url, { prefix: 's5-poster', count: options.posters, instructors: 1, ...course });
  const courseId = posters.courseId!;
  ctx.log(`S5: seeding ${options.s5Threads} threads through the HTTP API`);
  const seeding = await ctx.gen.call<{ posts: number; failed: number; firstError: string | null; perSecond: number }>('http-burst', {
    url: agora.url, courseId, subs: posters.subs, concurrency: 4, count: options.s5Threads,
  });
  if (seeding.failed > 0) ctx.warn(`S5: ${seeding.failed} seed posts failed (${seeding.firstError})`);
  await pause(500);

  await agora.child.call('metrics:start');
  const sequential = await launchPeople(ctx, agora.url, { prefix: 's5-seq', count: options.s5Launches, concurrency: 1, ...course });
  const seqServer = await agora.child.call<ServerSample>('metrics:read');
  ctx.log(`S5: sequential launches p50 ${sequential.timings.total.p50.toFixed(1)} p95 ${sequential.timings.total.p95.toFixed(1)} ms (${sequential.perSecond.toFixed(1)}/s)`);

  await agora.child.call('metrics:start');
  const concurrent = await launchPeople(ctx, agora.url, { prefix: 's5-conc', count: options.s5ConcurrentLaunches, concurrency: options.s5LaunchConcurrency, ...course });
  const concServer = await agora.child.call<ServerSample>('metrics:read');
  ctx.log(`S5: ${options.s5LaunchConcurrency} at once: ${concurrent.perSecond.toFixed(1)} launches/s, p95 ${concurrent.timings.total.p95.toFixed(1)} ms, server CPU ${concServer.cpuPct.toFixed(0)}%`);

  const viewer = sequential.subs[0]!;
  const renders: RenderRow[] = [];
  for (const [page, path] of [
    ['course home', `/c/${courseId}`],
    ['thread list (page)', `/c/${courseId}/discussion`],
    ['thread list (JSON API)', `/api/courses/${courseId}/threads`],
  ] as const) {
    const result = await ctx.gen.call<{ latency: Summary; bytes: number; bad: number; failed: number; firstError: string | null }>('http-gets', { url: agora.url, path, sub: viewer, count: options.s5Renders });
    if (result.failed || result.bad) ctx.warn(`S5: ${page} failed ${result.failed + result.bad} times (${result.firstError ?? 'non-200'})`);
    renders.push({ page, path: path.replace(courseId, ':id'), latency: result.latency, bytes: result.bytes, bad: result.bad + result.failed });
    ctx.log(`S5: ${page} p50 ${result.latency.p50.toFixed(1)} p95 ${result.latency.p95.toFixed(1)} ms (${(result.bytes / 1024).toFixed(0)} KB)`);
  }

  return {
    threads: options.s5Threads,
    seeding: { posts: seeding.posts, perSecond: seeding.perSecond, failed: seeding.failed },
    sequential: { launched: sequential.launched, perSecond: sequential.perSecond, timings: sequential.timings, serverCpuPct: seqServer.cpuPct, serverWaitPct: seqServer.runQueueWaitPct },
    concurrent: { launched: concurrent.launched, perSecond: concurrent.perSecond, timings: concurrent.timings, concurrency: options.s5LaunchConcurrency, serverCpuPct: concServer.cpuPct, serverEldP99Ms: concServer.eldP99Ms, serverWaitPct: concServer.runQueueWaitPct },
    renders,
  };
}
