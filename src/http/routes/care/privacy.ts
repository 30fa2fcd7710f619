import { Router, type Request, type Response } from 'express';
import { SESSION_COOKIE, type SessionOptions } from '../../../auth/sessions';
import { collectPersonalData, eraseMyData } from '../../../commands/care/privacy/personal-data';
import type { CommandContext } from '../../../commands/context';
import { presentPersonalData } from '../../../presenters/export';
import { translator } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { member } from '../../middleware/course-member';
import { requestLocale } from '../../middleware/locale';
import { sessionCookieOptions } from '../../middleware/session';
import { validate } from '../../middleware/validate';
import { orReshow, pageBase } from './page';
import { EraseBody } from './schema';

/** "My data": everyone downloads what Agora holds about them, and may erase it after confirming. */
export function privacyRoutes(ctx: CommandContext, sessions: SessionOptions): Router {
  const router = Router();

  router.get('/c/:courseId/my-data', handle(async (req, res) => {
    res.render('pages/my-data', { ...pageBase(req, res, translator(requestLocale(req, res))('care.myDataHeading')), page: 'my-data' });
  }));

  router.get('/c/:courseId/my-data/export.json', handle(async (_req, res) => {
    const { actor } = member(res);
    const data = presentPersonalData(await collectPersonalData(ctx, actor.person.id), ctx.now());
    res.set('Content-Disposition', `attachment; filename="agora-my-data-${data.exportedAt.slice(0, 10)}.json"`);
    res.type('application/json').send(JSON.stringify(data, null, 2));
  }));

  const renderConfirm = (req: Request, res: Response, error: string | null = null) => {
    const t = translator(requestLocale(req, res));
    res.render('pages/erase-my-data', { ...pageBase(req, res, t('care.eraseHeading')), page: 'my-data', phrase: t('care.eraseConfirmationPhrase'), error });
  };

  router.get('/c/:courseId/my-data/erase', handle(async (req, res) => renderConfirm(req, res)));

  router.post('/c/:courseId/my-data/erase', validate('body', EraseBody), handle(async (req, res) => {
    const { actor } = member(res);
    await orReshow(req, res, async () => {
      const erased = await eraseMyData(ctx, actor.person.id, { confirmation: (req.body as { confirmation: string }).confirmation });
      // Every session of the person is gone already; this browser also forgets its cookie.
      res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(sessions), maxAge: undefined });
      if (req.accepts(['html', 'json']) === 'json') {
        res.json({ ok: true, data: { erased } });
        return;
      }
      res.render('pages/data-erased', { title: translator(requestLocale(req, res))('care.dataErasedHeading') });
    }, async (error) => renderConfirm(req, res, error));
  }));

  return router;
}
