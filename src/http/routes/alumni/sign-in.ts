import { Router } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { myCommunities } from '../../../commands/alumni/read';
import { checkSignInLink, consumeSignInLink, requestSignInLink } from '../../../commands/alumni/sign-in';
import type { CommandContext } from '../../../commands/context';
import { isAppError } from '../../../domain/errors';
import type { Mailer } from '../../../mail/mailer';
import { communityUrl } from '../../../presenters/alumni';
import { translator } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { requestLocale } from '../../middleware/locale';
import { startSession, type SessionOptions } from '../../middleware/session';
import { validate } from '../../middleware/validate';
import { respond } from '../discussion/respond';
import { SignInRequestBody } from './schema';

export interface SignInDeps {
  mailer: Mailer;
  sessions: SessionOptions;
  publicUrl: string;
  logger: Logger;
}

/**
 * Reaching the alumni space without an LMS: ask for a link by email, open it (a page with a button,
 * so that mail scanners that fetch links cannot use it up), and land on "your communities" in a
 * session that opens alumni communities only.
 */
export function alumniSignInPages(ctx: CommandContext, deps: SignInDeps): Router {
  const router = Router();

  router.get('/alumni', handle(async (req, res) => {
    if (!req.session) {
      res.redirect(303, '/alumni/sign-in');
      return;
    }
    const communities = await myCommunities(ctx, req.session.personId, req.session.scope);
    res.render('pages/alumni-mine', {
      title: translator(requestLocale(req, res))('alumni.mineTitle'), page: 'alumni', csrfToken: req.session.csrfToken,
      communities: communities.map((c) => ({ name: c.name, url: communityUrl(c.id) })),
      emailSession: req.session.scope === 'alumni',
    });
  }));

  router.get('/alumni/sign-in', (req, res) => {
    res.render('pages/alumni-sign-in', { title: translator(requestLocale(req, res))('alumni.signInTitle'), page: 'alumni-sign-in', csrfToken: req.session?.csrfToken ?? null });
  });

  router.post('/alumni/sign-in', validate('body', SignInRequestBody), handle(async (req, res) => {
    const { email } = req.body as z.infer<typeof SignInRequestBody>;
    const deliveries = await requestSignInLink(ctx, deps.mailer, { email, baseUrl: deps.publicUrl });
    // Not awaited: the answer must not take longer for an address that is known.
    void Promise.allSettled(deliveries).then((results) => {
      for (const result of results) if (result.status === 'rejected') deps.logger.error({ err: result.reason }, 'could not send a sign-in link');
    });
    const t = translator(requestLocale(req, res));
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ ok: true, data: { message: t('alumni.signInRequested') } });
      return;
    }
    res.render('pages/alumni-sign-in', { title: t('alumni.checkEmailTitle'), page: 'alumni-sign-in', sent: t('alumni.signInRequested'), csrfToken: req.session?.csrfToken ?? null });
  }));

  router.get('/alumni/sign-in/:token', handle(async (req, res) => {
    const token = String(req.params.token);
    try {
      await checkSignInLink(ctx, token);
    } catch (error) {
      if (!isAppError(error)) throw error;
      res.status(error.status).render('pages/alumni-sign-in', { title: translator(requestLocale(req, res))('alumni.linkRefusedTitle'), page: 'alumni-sign-in', refused: error.messageIn(requestLocale(req, res)), code: error.code, csrfToken: req.session?.csrfToken ?? null });
      return;
    }
    res.render('pages/alumni-sign-in-confirm', { title: translator(requestLocale(req, res))('alumni.signInTitle'), page: 'alumni-sign-in', action: `/alumni/sign-in/${encodeURIComponent(token)}`, csrfToken: req.session?.csrfToken ?? null });
  }));

  router.post('/alumni/sign-in/:token', handle(async (req, res) => {
    let personId: string;
    try {
      personId = await consumeSignInLink(ctx, String(req.params.token));
    } catch (error) {
      if (!isAppError(error) || req.accepts(['html', 'json']) === 'json') throw error;
      res.status(error.status).render('pages/alumni-sign-in', { title: translator(requestLocale(req, res))('alumni.linkRefusedTitle'), page: 'alumni-sign-in', refused: error.messageIn(requestLocale(req, res)), code: error.code, csrfToken: req.session?.csrfToken ?? null });
      return;
    }
    await startSession(deps.sessions, req, res, personId, 'alumni');
    respond(req, res, { redirect: '/alumni', data: { signedIn: true } });
  }));

  return router;
}
