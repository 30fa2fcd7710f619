import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { CommandContext } from './commands/context';
import type { Config } from './config';
import { EventBus } from './events/bus';
import { buildHttpApp } from './http/app';
import type { SessionOptions } from './auth/sessions';
import { launchHandler } from './http/routes/launch';
import type { HealthProbe } from './http/routes/health';
import { frameAncestorsFrom } from './http/security';
import { createLti, type Lti } from './lti';
import { connectRedisAdapter } from './realtime/redis-adapter';
import { startRealtime, type Realtime } from './realtime/server';
import { openStorage } from './storage/open';
import { VIEWS_DIR } from './paths';
import { createTemplates } from './rendering/templates';
import type { Storage } from './storage/ports';

export interface Agora {
  /** Where this instance listens (may differ from config.publicUrl behind a proxy). */
  url: string;
  server: http.Server;
  storage: Storage;
  lti: Lti;
  realtime: Realtime;
  ctx: CommandContext;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
}

const PURGE_EVERY_MS = 10 * 60 * 1000;
const FRAME_ANCESTORS_REFRESH_MS = 60 * 1000;
const ROSTER_SYNC_TICK_MS = 10 * 60 * 1000;

/** Wires config → storage → lti → http → realtime and starts listening. Used by main.ts and by tests. */
export async function startAgora(config: Readonly<Config>, options: StartOptions = {}): Promise<Agora> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const now = options.now ?? (() => new Date());
  const storage = await openStorage(config);
  const ctx: CommandContext = { storage, events: new EventBus(), now };
  const sessions: SessionOptions = { storage, secret: config.secret, secureCookies: config.secureCookies, ttlMs: config.sessionTtlMs, now };
  const lti = await createLti({
    storage,
    secret: config.secret,
    publicUrl: config.publicUrl,
    secureCookies: config.secureCookies,
    onLaunch: launchHandler(ctx, sessions),
    now,
    logger,
    // Courses whose roster was last read more than six hours ago are synced at the next tick.
    rosterSyncEveryMs: ROSTER_SYNC_TICK_MS,
  });

  let frameAncestors: string[] = [];
  const refreshFrameAncestors = async () => {
    frameAncestors = frameAncestorsFrom(await lti.registry.list());
  };
  await refreshFrameAncestors();
  lti.registry.onChange(() => void refreshFrameAncestors().catch(() => undefined));
  const frameTimer = setInterval(() => void refreshFrameAncestors().catch(() => undefined), FRAME_ANCESTORS_REFRESH_MS);

  const redis = config.redisUrl ? await connectRedisAdapter(config.redisUrl, logger) : null;
  const healthProbes: HealthProbe[] = redis ? [redis.probe] : [];
  const templates = createTemplates(VIEWS_DIR);
  const app = buildHttpApp({ config, ctx, lti, sessions, logger, frameAncestors: () => frameAncestors, templates, healthProbes });
  const server = http.createServer(app);
  const realtime = startRealtime(server, { ctx, sessions, publicUrl: config.publicUrl, logger, templates, adapter: redis?.adapter });

  const purgeTimer = setInterval(() => {
    storage.purgeExpired(now()).catch((error: unknown) => logger.warn({ err: error }, 'could not purge expired records'));
  }, PURGE_EVERY_MS);
  frameTimer.unref();
  purgeTimer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`,
    server,
    storage,
    lti,
    realtime,
    ctx,
    async close() {
      clearInterval(frameTimer);
      clearInterval(purgeTimer);
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis?.close();
      await lti.close();
      await storage.close();
    },
  };
}
