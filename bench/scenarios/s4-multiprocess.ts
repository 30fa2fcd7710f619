/**
 * S4: two Agora processes sharing one store and Redis (the Redis Streams socket.io adapter).
 * Half the clients on each process; posts go to process A; delivery latency is reported for
 * A's own clients and for B's (cross-process: A → Redis stream → B → client).
 *
 * The store is SQLite unless MONGODB_URI is set. The SQLite adapter declares multiProcess = false:
 * two processes on one file work (WAL, busy_timeout) but each has its own write lock, so writers
 * queue on the file lock and a waiting writer blocks its process for up to busy_timeout. Here all
 * posts go through A, so B only reads; the report says so.
 */
import { measureFanout, type BenchContext } from '../lib/context';
import { freePort } from '../lib/ports';
import { RedisServer } from '../lib/redis';
import { newSecret, scratchDir, startAgoraProcess } from '../lib/servers';
import { fanoutRow, type FanoutRow } from './rows';
import { launchPeople, registerGeneratorPlatform } from './setup';

export interface S4Result {
  storage: string;
  clients: number;
  rate: number;
  row: FanoutRow;
  sameProcess: { p50Ms: number; p99Ms: number; maxMs: number; delivered: number } | null;
  crossProcess: { p50Ms: number; p99Ms: number; maxMs: number; delivered: number } | null;
  note: string;
}

const SAME = 'A (same process as the post)';
const CROSS = 'B (other process, via Redis)';

export async function runS4(ctx: BenchContext, mongodbUri?: string): Promise<S4Result> {
  const { options } = ctx;
  const redis = await RedisServer.start({ core: options.serverCore });
  const dataDir = scratchDir('s4');
  const secret = newSecret();
  const portA = await freePort();
  const publicUrl = `http://127.0.0.1:${portA}`;
  const common = { core: options.serverCore, nice: options.nice, dataDir, secret, redisUrl: redis.url, mongodbUri, publicUrl, postsPerMinute: 1_000_000, verbose: options.verbose };
  const a = await startAgoraProcess({ ...common, name: 'agora A', port: portA });
  const b = await startAgoraProcess({ ...common, name: 'agora B' });
  try {
    await registerGeneratorPlatform(ctx, a.child);
    const half = Math.floor(options.s4Clients / 2);
    const posters = await launchPeople(ctx, a.url, { prefix: 's4-poster', count: options.posters, instructors: 1, contextId: 'bench-s4', contextTitle: 'Bench S4' });
    const people = await launchPeople(ctx, a.url, { prefix: 's4-person', count: half * 2, contextId: 'bench-s4', contextTitle: 'Bench S4' });
    const courseId = posters.courseId!;
    for (const [server, group, subs] of [[a, SAME, people.subs.slice(0, half)], [b, CROSS, people.subs.slice(half)]] as const) {
      const joined = await ctx.gen.call<{ failed: number; firstError: string | null }>('clients:connect', { url: server.url, origin: publicUrl, subs, courseId, group });
      if (joined.failed > 0) ctx.warn(`S4: ${joined.failed} clients could not join ${group}: ${joined.firstError}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const m = await measureFanout(ctx, [a.child, b.child], { target: { kind: 'agora', url: a.url, courseId, subs: posters.subs }, rate: options.s4Rate, durationMs: options.durationMs, drainMs: options.drainMs });
    const row = fanoutRow('agora ×2 + redis', half * 2, options.s4Rate, m, options.sloMs);
    const group = (name: string) => {
      const s = m.result.latencyByGroup[name];
      return s ? { p50Ms: s.p50, p99Ms: s.p99, maxMs: s.max, delivered: s.count } : null;
    };
    const result: S4Result = {
      storage: mongodbUri ? 'mongodb' : 'sqlite (shared file; multiProcess=false, see note)',
      clients: half * 2,
      rate: options.s4Rate,
      row,
      sameProcess: group(SAME),
      crossProcess: group(CROSS),
      note: mongodbUri
        ? 'Both processes on one MongoDB replica set.'
        : 'Both processes open one SQLite file (WAL, busy_timeout 5 s). The SQLite adapter declares multiProcess = false: each process has its own in-process write lock, so concurrent writers from two processes queue on the file lock, and a writer that waits blocks its whole process for up to busy_timeout. Here every post goes through process A and B only reads, which is safe; production multi-process deployments should use MongoDB.',
    };
    ctx.log(`S4: ${row.delivered}/${row.expected} delivered; same process p99 ${result.sameProcess?.p99Ms.toFixed(1)} ms, cross-process p99 ${result.crossProcess?.p99Ms.toFixed(1)} ms`);
    return result;
  } finally {
    await ctx.gen.call('clients:close');
    await Promise.all([a.child.stop(), b.child.stop()]);
    await redis.stop('SIGTERM');
  }
}
