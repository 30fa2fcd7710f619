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
import { settleDueHotseats } from './commands/hotseat/phases';
import { VIEWS_DIR } from './paths';
import { logPurge, purgeActivityLogs, RETENTION_CHECK_EVERY_MS } from './commands/care/retention';
import { createTemplates } from './rendering/templates';
import { runAlumniJobs } from './commands/alumni/jobs';
import { createMailer, type Mailer } from './mail/mailer';
import { DIGEST_TICK_MS, digestTick } from './mail/digest-sender';
import type { Storage } from './storage/ports';

export interface Agora {
  /** Where this instance listens (may differ from config.publicUrl behind a proxy). */
  url: string;
  server: http.Server;
  storage: Storage;
  lti: Lti;
  realtime: Realtime;
  ctx: CommandContext;
  /** Where Agora's email goes (SMTP, or the local outbox). */
  mailer: Mailer;
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
}

const PURGE_EVERY_MS = 10 * 60 * 1000;
const FRAME_ANCESTORS_REFRESH_MS = 60 * 1000;
const ROSTER_SYNC_TICK_MS = 10 * 60 * 1000;
/** Hotseat phases follow the clock; a second's delay in announcing one is invisible to people. */
const HOTSEAT_TICK_MS = 1000;
const GRADE_PUSH_TICK_MS = 3 * 60 * 1000;
/** Alumni graduations by end date and scheduled prompts: to the minute is what people expect. */
const ALUMNI_TICK_MS = 60 * 1000;

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
    // Participation scores changed by the activity of the last few minutes go out together at the next tick.
    gradePushEveryMs: GRADE_PUSH_TICK_MS,
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
  const mailer = createMailer(config);
  const app = buildHttpApp({ config, ctx, lti, sessions, logger, frameAncestors: () => frameAncestors, templates, healthProbes, mailer });
  const server = http.createServer(app);
  const realtime = startRealtime(server, { ctx, sessions, publicUrl: config.publicUrl, logger, templates, adapter: redis?.adapter, onRedisRecovered: redis?.onRecovered });

  const purgeTimer = setInterval(() => {
    storage.purgeExpired(now()).catch((error: unknown) => logger.warn({ err: error }, 'could not purge expired records'));
  }, PURGE_EVERY_MS);
  const alumniTimer = every(ALUMNI_TICK_MS, () => runAlumniJobs(ctx), (error) => logger.warn({ err: error }, 'could not run the alumni jobs'));
  const hotseatTimer = every(HOTSEAT_TICK_MS, () => settleDueHotseats(ctx), (error) => logger.warn({ err: error }, 'could not settle hotseat phases'));
  frameTimer.unref();
  purgeTimer.unref();
  // Activity logs (course events) older than each course's retention setting go, hourly.
  const retentionTimer = every(RETENTION_CHECK_EVERY_MS, () => purgeActivityLogs(ctx).then((reports) => logPurge(logger, reports)), (error) => logger.warn({ err: error }, 'could not delete old activity logs'));
  // Email digests: instant ones within a minute, daily and weekly ones at 07:00 UTC (commands/digest/job.ts).
  const digestTimer = every(DIGEST_TICK_MS, digestTick(ctx, { mailer, templates, config, logger }), (error) => logger.warn({ err: error }, 'could not run the email digests'));

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
    mailer,
    async close() {
      clearInterval(frameTimer);
      clearInterval(purgeTimer);
      clearInterval(hotseatTimer);
      clearInterval(alumniTimer);
      mailer.close();
      clearInterval(retentionTimer);
      clearInterval(digestTimer);
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await redis?.close();
      await lti.close();
      await storage.close();
    },
  };
}

/** Runs `work` every `ms`, never two at once (a slow run makes the next tick skip, not pile up). */
function every(ms: number, work: () => Promise<unknown>, onError: (error: unknown) => void): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    work().catch(onError).finally(() => {
      running = false;
    });
  }, ms);
  timer.unref();
  return timer;
}
