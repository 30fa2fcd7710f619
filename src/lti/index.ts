import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { Provider as ltijsSingleton, type LtijsProvider } from 'ltijs';
import type { Storage } from '../storage/ports';
import { launchGuard, type VerifiedLaunchStart } from './launch-guard';
import { toLaunchContext, type LaunchContext } from './launch-context';
import { fromLtijsError } from './ltijs-errors';
import { loginHandler } from './login';
import { PlatformRegistry } from './registry';

export type { LaunchContext } from './launch-context';
export type { PlatformRegistration } from './registry';

/** Called once per verified launch; answers the browser (usually a redirect into Agora). */
export type LaunchHandler = (launch: LaunchContext, req: Request, res: Response) => Promise<void>;

export interface LtiOptions {
  storage: Storage;
  secret: string;
  publicUrl: string;
  secureCookies: boolean;
  onLaunch: LaunchHandler;
  now?: () => Date;
}

export interface Lti {
  /** The express app to mount at /lti: login, launch, deep-link and keys. */
  app: Express;
  registry: PlatformRegistry;
  close(): Promise<void>;
}

/** Moodle's id_token lives 60 s; allow that plus a little clock skew rather than ltijs's 10 s. */
const TOKEN_MAX_AGE_SECONDS = 90;

// ltijs exports one instance; we build our own from its class so each app (and each test) has its own.
const ProviderClass = Object.getPrototypeOf(ltijsSingleton).constructor as new () => LtijsProvider;

const handle = (fn: (req: Request, res: Response, next: NextFunction) => Promise<void>): RequestHandler =>
  (req, res, next) => {
    fn(req, res, next).catch(next);
  };

export async function createLti(options: LtiOptions): Promise<Lti> {
  const now = options.now ?? (() => new Date());
  const provider = new ProviderClass();
  const cookieOptions = {
    secure: options.secureCookies,
    sameSite: options.secureCookies ? ('none' as const) : ('lax' as const),
    httpOnly: true as const,
    signed: true as const,
  };

  provider.setup(options.secret, 'plugin' in options.storage.ltiStore ? { plugin: options.storage.ltiStore.plugin } : { url: options.storage.ltiStore.url }, {
    appRoute: '/launch',
    loginRoute: '/login',
    keysetRoute: '/keys',
    // Launches are answered on the POST itself: no ltik in a URL, no ltijs session cookie.
    ltiaas: true,
    cors: false,
    tokenMaxAge: TOKEN_MAX_AGE_SECONDS,
    cookies: { secure: options.secureCookies, sameSite: options.secureCookies ? 'None' : 'Lax' },
    // Runs inside ltijs's app after its body and signed-cookie parsers, before its own routes.
    serverAddon: (app) => {
      app.all('/login', handle(loginHandler({ provider, storage: options.storage, publicUrl: options.publicUrl, cookieOptions, now })));
      app.post(['/launch', '/deep-link'], handle(launchGuard({ storage: options.storage, now })));
    },
  });

  const dispatch = async (_token: unknown, req: Request, res: Response, next: NextFunction) => {
    try {
      // Only a launch that came through our guard on this very request counts; never a reused token.
      const start = res.locals.agoraLaunchStart as VerifiedLaunchStart | undefined;
      if (req.method !== 'POST' || !start) throw fromLtijsError('NO_LTIK_OR_IDTOKEN_FOUND');
      await options.onLaunch(toLaunchContext(res.locals.token, res.locals.context), req, res);
    } catch (error) {
      next(error);
    }
  };
  provider.onConnect(dispatch);
  provider.onDeepLinking(dispatch);
  provider.onInvalidToken((_req, res, next) => next(fromLtijsError((res.locals.err as { details?: unknown })?.details)));
  provider.onSessionTimeout((_req, _res, next) => next(fromLtijsError('NO_LTIK_OR_IDTOKEN_FOUND')));
  provider.app.post('/deep-link', (req, res, next) => dispatch(undefined, req, res, next));

  // deploy() installs a SIGINT handler that exits the process; we shut down ourselves.
  const sigintBefore = new Set(process.listeners('SIGINT'));
  await provider.deploy({ serverless: true, silent: true });
  for (const listener of process.listeners('SIGINT')) {
    if (!sigintBefore.has(listener)) process.removeListener('SIGINT', listener);
  }

  return {
    app: provider.app,
    registry: new PlatformRegistry(provider, options.storage, now),
    async close() {
      await provider.close({ silent: true });
    },
  };
}
