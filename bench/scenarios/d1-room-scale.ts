/**
 * D1: the discussion room of a large course (issue 3: 10,000 threads, 100,000 replies on SQLite).
 * The room is seeded inside the server process, then each page is fetched again and again by one
 * learner: thread list (page and JSON, default and filtered), a thread page, and searches.
 * Times are measured at the client over loopback, so they include HTTP and are slightly above
 * server time; the target is p95 under 50 ms.
 */
import type { Child } from '../lib/child';
import type { BenchContext } from '../lib/context';
import type { Summary } from '../lib/stats';
import { launchPeople } from './setup';

export interface D1Row {
  page: string;
  path: string;
  latency: Summary;
  bytes: number;
  bad: number;
}

export interface D1Result {
  threads: number;
  replies: number;
  seedMs: number;
  rows: D1Row[];
}

export const D1_TARGET_P95_MS = 50;

export async function runD1(ctx: BenchContext, agora: { child: Child; url: string }, sizes: { threads: number; repliesPerThread: number; renders: number }): Promise<D1Result> {
  const course = { contextId: 'bench-d1', contextTitle: 'Bench D1' };
  const people = await launchPeople(ctx, agora.url, { prefix: 'd1', count: 4, instructors: 1, ...course });
  const courseId = people.courseId!;
  ctx.log(`D1: seeding ${sizes.threads} threads and ${sizes.threads * sizes.repliesPerThread} replies`);
  const seed = await agora.child.call<{ threads: number; replies: number; ms: number; sampleThreadId: string }>('seed-room', { courseId, ...sizes });
  ctx.log(`D1: seeded in ${(seed.ms / 1000).toFixed(1)} s`);
  const viewer = people.subs[people.subs.length - 1]!;
  const pages: Array<[string, string]> = [
    ['thread list (page)', `/c/${courseId}/discussion`],
    ['thread list (JSON API)', `/api/courses/${courseId}/threads`],
    ['thread list, most votes', `/c/${courseId}/discussion?sort=top`],
    ['thread list, unresolved questions', `/c/${courseId}/discussion?filter=unresolved`],
    ['thread page (10 replies)', `/c/${courseId}/discussion/threads/${seed.sampleThreadId}`],
    ['search, one common word', `/c/${courseId}/discussion/search?q=mitochondria`],
    ['search, two words', `/c/${courseId}/discussion/search?q=light+energy`],
    ['search, a prefix', `/c/${courseId}/discussion/search?q=photo`],
  ];
  const rows: D1Row[] = [];
  for (const [page, path] of pages) {
    const result = await ctx.gen.call<{ latency: Summary; bytes: number; bad: number; failed: number; firstError: string | null }>('http-gets', { url: agora.url, path, sub: viewer, count: sizes.renders });
    if (result.failed || result.bad) ctx.warn(`D1: ${page} failed ${result.failed + result.bad} times (${result.firstError ?? 'non-200'})`);
    rows.push({ page, path: path.replace(courseId, ':id').replace(seed.sampleThreadId, ':thread'), latency: result.latency, bytes: result.bytes, bad: result.bad + result.failed });
    ctx.log(`D1: ${page} p50 ${result.latency.p50.toFixed(1)} p95 ${result.latency.p95.toFixed(1)} ms (${(result.bytes / 1024).toFixed(0)} KB)`);
  }
  return { threads: seed.threads, replies: seed.replies, seedMs: seed.ms, rows };
}
