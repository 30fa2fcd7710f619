import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { Provider as ltijsSingleton, type LtijsProvider } from 'ltijs';
import pino, { type Logger } from 'pino';
import { VIEWS_DIR } from '../paths';
import type { Storage } from '../storage/ports';
import type { DeepLinkRequest } from './deep-linking/requests';
import { contentItemFor, signDeepLinkingResponse, type PickedItem } from './deep-linking/response';
import { JwksCache } from './jwks-cache';
import type { LaunchContext } from './launch-context';
import { launchFlow, type LaunchHandler, type LaunchOutcome } from './launch-flow';
import { fromLtijsError } from './ltijs-errors';
import { loginHandler } from './login';
import { createInvite, registrationUrl } from './registration/invites';
import { dynamicRegistration } from './registration/dynamic-registration';
import { PlatformRegistry } from './registry';
import { ServiceTokens } from './services/access-tokens';
import { RosterSync } from './services/roster-sync';
import { GradePush } from './services/grade-push';
import { AppError } from '../domain/errors';

export type { LaunchContext } from './launch-context';
export type { LaunchHandler, LaunchOutcome } from './launch-flow';
export type { PlatformRegistration } from './registry';
export type { AgoraTarget } from './targets';

export interface LtiOptions {
  storage: Storage;
  secret: string;
  publicUrl: string;
  secureCookies: boolean;
  onLaunch: LaunchHandler;
  now?: () => Date;
  logger?: Logger;
  /** When set, every course's roster is synced on this schedule (the server sets it; the CLI does not). */
  rosterSyncEveryMs?: number;
  /** When set, participation scores that changed are sent to the LMS on this schedule (the server sets it). */
  gradePushEveryMs?: number;
}

export interface Lti {
  /** The express app to mount at /lti: login, launch, deep-link, keys, registration. */
  app: Express;
  registry: PlatformRegistry;
  roster: RosterSync;
  /** Sends participation grades (Assignment and Grade Services). */
  grades: GradePush;
  /** Signs the answer to a deep linking request (the picker in http/routes/lti uses it). */
  deepLinking: {
    contentItem(item: PickedItem): Record<string, unknown>;
    sign(request: DeepLinkRequest, contentItems: Array<Record<string, unknown>>, message: string): Promise<string>;
  };
  /** Dynamic registration invitations (`npm run registration -- invite`). */
  registration: { invite(hours?: number): Promise<{ url: string; expiresAt: Date }> };
  close(): Promise<void>;
}

/**
 * How old a launch token may be, whatever its exp says. Moodle's id_token lives 60 s; this allows
 * that plus a slow first page load and some clock skew, where ltijs's 10 s default fails real launches.
 */
export const TOKEN_MAX_AGE_SECONDS = 90;

// ltijs exports one instance; we build our own from its class so each app (and each test) has its own.
const ProviderClass = Object.getPrototypeOf(ltijsSingleton).constructor as new () => LtijsProvider;

const handle = (fn: (req: Request, res: Response, next: NextFunction) => Promise<void>): RequestHandler =>
  (req, res, next) => {
    fn(req, res, next).catch(next);
  };

export async function createLti(options: LtiOptions): Promise<Lti> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? pino({ level: 'silent' });
  const provider = new ProviderClass();
  const cookieOptions = {
    secure: options.secureCookies,
    sameSite: options.secureCookies ? ('none' as const) : ('lax' as const),
    httpOnly: true as const,
    signed: true as const,
  };
  const jwks = new JwksCache({ now: () => now().getTime() });
  const tokens = new ServiceTokens(provider, now);
  const roster = new RosterSync(options.storage, tokens, logger, now);
  const grades = new GradePush(options.storage, tokens, logger, now);
  const registry = new PlatformRegistry(provider, options.storage, now);
  registry.onChange(() => jwks.clear());

  const flow = launchFlow({
    storage: options.storage,
    provider,
    jwks,
    launchUrls: [`${options.publicUrl}/lti/launch`, `${options.publicUrl}/lti/deep-link`],
    maxTokenAgeSeconds: TOKEN_MAX_AGE_SECONDS,
    publicUrl: options.publicUrl,
    secret: options.secret,
    now,
    onLaunch: options.onLaunch,
    afterLaunch: (launch, outcome) => afterLaunch(options.storage, roster, logger, now, launch, outcome),
  });
  const registration = dynamicRegistration({ storage: options.storage, registry, publicUrl: options.publicUrl, now });

  provider.setup(options.secret, 'plugin' in options.storage.ltiStore ? { plugin: options.storage.ltiStore.plugin } : { url: options.storage.ltiStore.url }, {
    appRoute: '/launch',
    loginRoute: '/login',
    keysetRoute: '/keys',
    // Launches are answered by our own routes below; ltijs never sees one (no ltik, no ltijs session).
    ltiaas: true,
    cors: false,
    tokenMaxAge: TOKEN_MAX_AGE_SECONDS,
    cookies: { secure: options.secureCookies, sameSite: options.secureCookies ? 'None' : 'Lax' },
    // Runs inside ltijs's app after its body and signed-cookie parsers, before its own routes.
    serverAddon: (app) => {
      // ltijs's own helmet re-adds the cross-origin policies Agora's headers (http/security.ts) leave
      // off for pages inside LMS iframes and popups: a same-origin opener policy would cut the
      // registration page off from the LMS window it must tell to close.
      app.use((_req, res, next) => {
        res.removeHeader('Cross-Origin-Opener-Policy');
        res.removeHeader('Cross-Origin-Embedder-Policy');
        res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
        next();
      });
      app.all('/login', handle(loginHandler({ provider, storage: options.storage, publicUrl: options.publicUrl, cookieOptions, secret: options.secret, now })));
      app.post(['/launch', '/deep-link'], handle(flow.launch));
      app.post('/launch/storage', handle(flow.completeFromStorage));
      app.get('/register/:invite', handle(registration.show));
      app.post('/register/:invite', handle(registration.register));
      app.all('/register', (_req, _res, next) => next(new AppError(
        'REGISTRATION_INVITE_INVALID', 403,
        'errors.registrationInviteRequired',
      )));
    },
  });
  // Pages rendered inside this sub-app (login and launch pages) use Agora's views.
  provider.app.set('views', VIEWS_DIR);

  // Anything that still reaches ltijs's own launch handling is not a launch we accept.
  const refuse = (_token: unknown, _req: Request, _res: Response, next: NextFunction) => next(fromLtijsError('NO_LTIK_OR_IDTOKEN_FOUND'));
  provider.onConnect(refuse);
  provider.onDeepLinking(refuse);
  provider.onInvalidToken((_req, res, next) => next(fromLtijsError((res.locals.err as { details?: unknown })?.details)));
  provider.onSessionTimeout((_req, _res, next) => next(fromLtijsError('NO_LTIK_OR_IDTOKEN_FOUND')));

  // deploy() installs a SIGINT handler that exits the process; we shut down ourselves.
  const sigintBefore = new Set(process.listeners('SIGINT'));
  await provider.deploy({ serverless: true, silent: true });
  for (const listener of process.listeners('SIGINT')) {
    if (!sigintBefore.has(listener)) process.removeListener('SIGINT', listener);
  }

  const schedule = options.rosterSyncEveryMs
    ? setInterval(() => {
      roster.syncDue().catch((error: unknown) => logger.error({ err: error }, 'scheduled roster sync failed'));
    }, options.rosterSyncEveryMs)
    : null;
  schedule?.unref();
  const gradeSchedule = options.gradePushEveryMs
    ? setInterval(() => {
      grades.pushDue().catch((error: unknown) => logger.error({ err: error }, 'scheduled grade push failed'));
    }, options.gradePushEveryMs)
    : null;
  gradeSchedule?.unref();

  return {
    app: provider.app,
    registry,
    roster,
    grades,
    deepLinking: {
      contentItem: (item) => contentItemFor(options.publicUrl, item),
      sign: (request, contentItems, message) => signDeepLinkingResponse(provider, request, contentItems, { message, now: now() }),
    },
    registration: {
      async invite(hours?: number) {
        const { token, expiresAt } = await createInvite(options.storage, now(), hours);
        return { url: registrationUrl(options.publicUrl, token), expiresAt };
      },
    },
    async close() {
      if (schedule) clearInterval(schedule);
      if (gradeSchedule) clearInterval(gradeSchedule);
      await roster.idle();
      await grades.idle();
      await provider.close({ silent: true });
    },
  };
}

/** After a launch is recorded: remember the course's service endpoints; a staff launch refreshes the roster. */
async function afterLaunch(storage: Storage, roster: RosterSync, logger: Logger, now: () => Date, launch: LaunchContext, outcome: LaunchOutcome): Promise<void> {
  try {
    const services = await storage.ltiServices.recordEndpoints({
      courseId: outcome.courseId, issuer: launch.issuer, clientId: launch.clientId, deploymentId: launch.deploymentId,
      membershipsUrl: launch.services.membershipsUrl, lineItemsUrl: launch.services.lineItemsUrl, gradeScopes: launch.services.gradeScopes,
      now: now(),
    });
    if (outcome.role === 'staff' && services.membershipsUrl) roster.requestAfterStaffLaunch(outcome.courseId);
    // A graded link names its grade column: participation grades may go there (see grade-plan.ts).
    if (launch.services.lineItemUrl) await storage.participationGrades.recordLaunchLineItem(outcome.courseId, launch.services.lineItemUrl);
  } catch (error) {
    // The person is signed in already; the roster catches up at the next launch or scheduled run.
    logger.error({ err: error, courseId: outcome.courseId }, 'could not record the launch\'s LTI services');
  }
}
