import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../commands/context';
import type { Config } from '../config';
import type { Lti } from '../lti';
import { PUBLIC_DIR, VIEWS_DIR } from '../paths';
import { errorHandler, notFoundHandler } from './middleware/errors';
import { loadSession, requireCsrf, type SessionOptions } from './middleware/session';
import { chooseLocale } from './middleware/locale';
import { careRouter } from './routes/care/router';
import { courseRouter } from './routes/course/router';
import { discussionRouter } from './routes/discussion/router';
import { digestRouter } from './routes/digest/router';
import { healthRouter, type HealthProbe } from './routes/health';
import { hotseatRouter } from './routes/hotseat/router';
import { ltiPagesRouter } from './routes/lti/router';
import { alumniRouter } from './routes/alumni/router';
import type { Mailer } from '../mail/mailer';
import { gradesRouter } from './routes/grades/router';
import { securityHeaders } from './security';
import type { Templates } from '../rendering/templates';
import { useViews } from './views';

export interface HttpDeps {
  config: Pick<Config, 'trustProxy' | 'publicUrl'>;
  ctx: CommandContext;
  lti: Lti;
  sessions: SessionOptions;
  logger: Logger;
  frameAncestors: () => string[];
  templates: Templates;
  healthProbes?: HealthProbe[];
  mailer: Mailer;
}

export function buildHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  useViews(app, deps.templates, VIEWS_DIR);

  app.use(pinoHttp({
    logger: deps.logger,
    genReqId: (req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Launch bodies carry id_tokens and URLs may carry states: log the path only.
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/static/') === true },
  }));
  app.use(securityHeaders(deps.frameAncestors));
  app.use('/static', express.static(PUBLIC_DIR, { maxAge: '1h', index: false }));
  app.use(healthRouter(deps.ctx.storage, deps.healthProbes));

  // Before a session is known (the LTI routes): the browser's language; after loadSession, the launch's.
  app.use(chooseLocale);
  // ltijs brings its own parsers, cookie handling and routes: login, launch, deep-link, keys.
  app.use('/lti', deps.lti.app);

  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(express.json({ limit: '100kb' }));
  app.use(loadSession(deps.sessions));
  app.use(chooseLocale);
  app.use(requireCsrf);
  app.use((req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.get('/', (_req, res) => res.render('pages/welcome', { title: 'Agora' }));
  app.use(hotseatRouter(deps.ctx, deps.sessions, deps.config.publicUrl));
  // Before the course router: it serves /c/:courseId/alumni and the space courses' /c/:courseId.
  app.use(alumniRouter(deps.ctx, { mailer: deps.mailer, sessions: deps.sessions, publicUrl: deps.config.publicUrl, logger: deps.logger }));
  app.use(courseRouter(deps.ctx));
  app.use(digestRouter(deps.ctx, deps.sessions.secret));
  app.use(discussionRouter(deps.ctx));
  app.use(careRouter(deps.ctx, deps.sessions));
  app.use(ltiPagesRouter(deps.ctx, deps.lti, deps.sessions));
  app.use(gradesRouter(deps.ctx, deps.lti));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
