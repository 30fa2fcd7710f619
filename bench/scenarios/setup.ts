/** Shared setup: an Agora process with the load generator's LMS registered, and people launched into a course. */
import type { BenchContext } from '../lib/context';
import type { Summary } from '../lib/stats';

export interface LaunchBatch {
  launched: number;
  failed: number;
  firstError: string | null;
  courseId: string | null;
  subs: string[];
  wallMs: number;
  perSecond: number;
  timings: { total: Summary; login: Summary; sign: Summary; launch: Summary; home: Summary };
  generator: { cpuPct: number; eldP99Ms: number };
}

export async function registerGeneratorPlatform(ctx: BenchContext, server: { call: (method: string, params?: unknown) => Promise<unknown> }): Promise<void> {
  const registration = await ctx.gen.call('platform:start');
  await server.call('register-platform', registration);
}

/** Launches `count` people (the first `instructors` as instructors) into a course; throws when any launch failed. */
export async function launchPeople(ctx: BenchContext, agoraUrl: string, options: {
  prefix: string; count: number; instructors?: number; contextId: string; contextTitle: string; concurrency?: number;
}): Promise<LaunchBatch> {
  const batch = await ctx.gen.call<LaunchBatch>('launch', { agoraUrl, concurrency: 8, ...options });
  if (batch.failed > 0 || !batch.courseId) throw new Error(`${batch.failed} of ${options.count} launches failed: ${batch.firstError}`);
  return batch;
}
