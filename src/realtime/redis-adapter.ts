import { performance } from 'node:perf_hooks';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { Adapter } from 'socket.io-adapter';
import type { Logger } from 'pino';
import type { HealthProbe } from '../http/routes/health';

/** How long Redis was not ready, as this process saw it. */
export interface RedisOutage {
  outageMs: number;
}

/** How long start-up waits for Redis before serving without it (it keeps trying in the background). */
const FIRST_CONNECT_WAIT_MS = 5000;

/**
 * Several Agora processes share live updates through Redis Streams: every broadcast is appended to
 * a stream all processes read, and a process that loses Redis briefly catches up from the stream.
 * Without Redis, each process still serves its own clients; /healthz then reports "degraded".
 *
 * What keeps a process serving its own clients while Redis is down:
 * - the client that publishes fails fast instead of queueing (disableOfflineQueue): the adapter
 *   then still broadcasts to this process's sockets at once, rather than after Redis returns;
 * - the clients that read the stream and the pub/sub channel (duplicates made by the adapter) keep
 *   their offline queue, so they wait for Redis instead of spinning on errors;
 * - "who is in this room" (fetchSockets, used for presence on every join) falls back to this
 *   process's own sockets when Redis or the other processes do not answer;
 * - a publish nobody awaits (the adapter's pub/sub requests) cannot become an unhandled rejection.
 */
export async function connectRedisAdapter(url: string, logger: Logger) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  let lastError = '';
  // When the publishing client stopped being ready (performance.now()), while it is not.
  let downSince: number | null = null;
  const recoveredListeners: Array<(outage: RedisOutage) => void> = [];
  const markDown = () => {
    if (downSince === null && !client.isReady) downSince = performance.now();
  };
  client.on('error', (error: Error) => {
    // One line per kind of failure, not one per reconnection attempt.
    if (error.message !== lastError) logger.warn({ err: error }, 'redis connection problem');
    lastError = error.message;
    markDown();
  });
  client.on('reconnecting', markDown);
  client.on('ready', () => {
    if (lastError) logger.info('redis connection restored');
    lastError = '';
    if (downSince === null) return;
    const outage = { outageMs: performance.now() - downSince };
    downSince = null;
    for (const listener of recoveredListeners) {
      try {
        listener(outage);
      } catch (error) {
        logger.warn({ err: error }, 'a listener for Redis coming back failed');
      }
    }
  });

  const duplicate = client.duplicate.bind(client);
  const readers: Array<ReturnType<typeof duplicate>> = [];
  client.duplicate = ((overrides?: Parameters<typeof client.duplicate>[0]) => {
    const reader = duplicate({ disableOfflineQueue: false, ...overrides });
    readers.push(reader);
    return reader;
  }) as typeof client.duplicate;
  const publish = client.publish.bind(client);
  Object.defineProperty(client, 'publish', {
    configurable: true,
    value: (...args: Parameters<typeof publish>) => {
      const sent = publish(...args);
      sent.catch(() => undefined);
      return sent;
    },
  });

  const connecting = client.connect().then(() => true, () => false);
  const connected = await Promise.race([connecting, new Promise<false>((resolve) => setTimeout(() => resolve(false), FIRST_CONNECT_WAIT_MS).unref())]);
  if (!connected) logger.warn({ url: redactedUrl(url) }, 'Redis is not reachable: serving this process\'s own clients until it is');

  const probe: HealthProbe = {
    name: 'redis',
    async check() {
      if (!client.isReady) return { ok: false, detail: 'not connected' };
      await client.ping();
      return { ok: true };
    },
  };

  const streams = createAdapter(client);
  const instances: Array<ReturnType<typeof streams>> = [];
  // socket.io calls `new adapter(nsp)`: a plain function that returns the instance works with `new`.
  const adapter = function redisStreamsAdapter(nsp: unknown) {
    const instance = streams(nsp);
    instances.push(instance);
    const acrossProcesses = instance.fetchSockets.bind(instance);
    instance.fetchSockets = async (opts) => {
      if (client.isReady) {
        try {
          return await acrossProcesses(opts);
        } catch (error) {
          logger.debug({ err: error }, 'other processes did not answer fetchSockets; answering with this process\'s sockets');
        }
      }
      return Adapter.prototype.fetchSockets.call(instance, opts);
    };
    return instance;
  };

  return {
    adapter,
    probe,
    /**
     * Called each time Redis is ready again after an outage (including a first connection that
     * failed at start-up). Whatever this process broadcast meanwhile never reached the others, and
     * theirs never reached it: the listener tells the pages to fetch what they missed.
     */
    onRecovered(listener: (outage: RedisOutage) => void) {
      recoveredListeners.push(listener);
    },
    async close() {
      // Stops the stream readers (each leaves after its current blocking read) and lets the
      // process exit without waiting for them.
      for (const instance of instances.splice(0)) instance.close();
      for (const reader of readers.splice(0)) reader.unref();
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
    },
  };
}

function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis';
  }
}
