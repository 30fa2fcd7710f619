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
import { hotseatRoom } from '../../src/realtime/hotseat-protocol';
import { serveParent } from '../lib/child';
import { performance } from 'node:perf_hooks';
import { ProcessMeter, settledMemory } from '../lib/meter';
import { seedRoom } from '../lib/seed-room';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = pino({ level: config.logLevel });
  const agora = await startAgora(config, { logger });
  const meter = new ProcessMeter();
  const postLimit = raisePostLimit(process.env.BENCH_POSTS_PER_MINUTE);
  const voteLimit = raiseLimit(HOTSEAT_LIMITS, 'votesPerMinute', process.env.BENCH_VOTES_PER_MINUTE);
  let stopProbe: (() => number[]) | null = null;

  serveParent({
    'register-platform': (registration: PlatformInput) => agora.lti.registry.add(registration),
    'seed-room': (input: { courseId: string; threads: number; repliesPerThread: number }) => seedRoom(agora.storage, input.courseId, input),
    'metrics:start': () => meter.start(),
    'metrics:read': () => ({ ...meter.read(), connections: agora.realtime.io.engine.clientsCount }),
    memory: () => settledMemory(),
    /**
     * S2: when this process writes each `hotseat:ranking` frame to one socket of the hotseat's room (the
     * first joined, so the moment its broadcast starts): the broadcasts' pace at the source, free of the
     * jitter a client's reads add. Only that one socket's packets are looked at.
     */
    'ranking-probe:start': ({ hotseatId }: { hotseatId: string }) => {
      const id = agora.realtime.io.of('/').adapter.rooms.get(hotseatRoom(hotseatId))?.values().next().value;
      const socket = id === undefined ? undefined : agora.realtime.io.of('/').sockets.get(id);
      if (!socket) throw new Error(`nobody has joined hotseat ${hotseatId}`);
      const times: number[] = [];
      const listener = (packet: { data?: unknown }) => {
        if (typeof packet.data === 'string' && packet.data.startsWith('2["hotseat:ranking"')) times.push(performance.now());
      };
      socket.conn.on('packetCreate', listener);
      stopProbe = () => {
        socket.conn.off('packetCreate', listener);
        return times;
      };
    },
    'ranking-probe:read': () => {
      const times = stopProbe?.() ?? [];
      stopProbe = null;
      return times;
    },
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
