import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Logger } from 'pino';
import type { HealthProbe } from '../http/routes/health';

/**
 * Several Agora processes share live updates through Redis Streams: every broadcast is appended to
 * a stream all processes read, and a process that loses Redis briefly catches up from the stream.
 * Without Redis, each process still serves its own clients; /healthz then reports "degraded".
 */
export async function connectRedisAdapter(url: string, logger: Logger) {
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) } });
  client.on('error', (error: Error) => logger.warn({ err: error }, 'redis connection problem'));
  await client.connect();
  const probe: HealthProbe = {
    name: 'redis',
    async check() {
      if (!client.isReady) return { ok: false, detail: 'not connected' };
      await client.ping();
      return { ok: true };
    },
  };
  return {
    adapter: createAdapter(client),
    probe,
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
