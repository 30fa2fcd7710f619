/**
 * One real Agora process (startAgora, configured from the environment exactly as `npm start` is),
 * plus a bench-only control channel over IPC: measurements of this process, platform registration
 * (the test LMS lives in another process). Posts go through the HTTP API like a browser's, so
 * the bench depends only on Agora's public surface. Used by the bench suite and by tests/scale.
 */
import pino from 'pino';
import { startAgora } from '../../src/agora';
import { loadConfig } from '../../src/config';
import { LIMITS } from '../../src/domain/discussion';
import { HOTSEAT_LIMITS } from '../../src/domain/hotseat';
import type { PlatformInput } from '../../src/lti/registry';
import { serveParent } from '../lib/child';
import { ProcessMeter, settledMemory } from '../lib/meter';
import { seedRoom } from '../lib/seed-room';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.logLevel });
  const agora = await startAgora(config, { logger });
  const meter = new ProcessMeter();
  const postLimit = raisePostLimit(process.env.BENCH_POSTS_PER_MINUTE);
  const voteLimit = raiseLimit(HOTSEAT_LIMITS, 'votesPerMinute', process.env.BENCH_VOTES_PER_MINUTE);

  serveParent({
    'register-platform': (registration: PlatformInput) => agora.lti.registry.add(registration),
    'seed-room': (input: { courseId: string; threads: number; repliesPerThread: number }) => seedRoom(agora.storage, input.courseId, input),
    'metrics:start': () => meter.start(),
    'metrics:read': () => ({ ...meter.read(), connections: agora.realtime.io.engine.clientsCount }),
    memory: () => settledMemory(),
    info: () => ({ storageKind: agora.storage.kind, multiProcess: agora.storage.capabilities.multiProcess, connections: agora.realtime.io.engine.clientsCount }),
    close: async () => {
      await agora.close();
      setImmediate(() => process.exit(0));
    },
  }, { url: agora.url, pid: process.pid, storageKind: agora.storage.kind, postLimit, voteLimit });

  const stop = () => {
    agora.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/**
 * The one deviation from production, bench-only: the per-person posting limit (10 posts a minute)
 * is raised in this process when BENCH_POSTS_PER_MINUTE is set, because the load generator posts
 * hundreds of posts a second as a few dozen people. The limit check itself still runs on every post.
 * Returns the limit in force.
 */
function raisePostLimit(wanted: string | undefined): number | null {
  return raiseLimit(LIMITS, 'postsPerMinute', wanted);
}

/** The same for any per-minute limit in a domain's limits object (S2 raises the hotseat's votes a minute only when its settings need it). */
function raiseLimit(object: object | undefined, key: string, wanted: string | undefined): number | null {
  const limits = (object ?? {}) as Record<string, unknown>;
  if (!wanted || typeof limits[key] !== 'number') return typeof limits[key] === 'number' ? limits[key] : null;
  try {
    limits[key] = Number(wanted);
  } catch {
    // frozen: the bench reports the limit in force and counts refused posts or votes as failures.
  }
  return limits[key] as number;
}

main().catch((error: unknown) => {
  process.stderr.write(`agora-server: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
