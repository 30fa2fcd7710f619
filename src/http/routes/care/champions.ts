import { Router } from 'express';
import { loadChampions, markChampion, unmarkChampion } from '../../../commands/care/champions';
import { loadExpertiseDirectory, loadPersonExpertise } from '../../../commands/care/expertise';
import type { CommandContext } from '../../../commands/context';
import { presentChampions, presentExpertiseDirectory, presentPersonExpertise } from '../../../presenters/care';
import { translator } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { requestLocale } from '../../middleware/locale';
import { member } from '../../middleware/course-member';
import { wantsJson } from '../../middleware/errors';
import { validate } from '../../middleware/validate';
import { respond } from '../discussion/respond';
import { pageBase } from './page';
import { ChampionBody } from './schema';

/** Champions (staff choose them) and "who knows what" (endorsed answers by tag, for everyone). */
export function championRoutes(ctx: CommandContext): Router {
  const router = Router();

  router.get('/c/:courseId/care/champions', handle(async (req, res) => {
    const { actor, course } = member(res);
    res.render('pages/champions', { ...pageBase(req, res, translator(requestLocale(req, res))('care.championsHeading')), ...presentChampions(await loadChampions(ctx, actor, course)) });
  }));

  router.post('/c/:courseId/care/champions', validate('body', ChampionBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const { personId } = req.body as { personId: string };
    await markChampion(ctx, actor, { courseId: course.id, personId });
    respond(req, res, { redirect: `/c/${course.id}/care/champions`, status: 201, data: { champion: personId } });
  }));

  router.post('/c/:courseId/care/champions/:personId/remove', handle(async (req, res) => {
    const { actor, course } = member(res);
    const removed = await unmarkChampion(ctx, actor, { courseId: course.id, personId: String(req.params.personId) });
    respond(req, res, { redirect: `/c/${course.id}/care/champions`, data: { removed } });
  }));

  router.get('/c/:courseId/expertise', handle(async (req, res) => {
    const { actor, course } = member(res);
    const expertise = presentExpertiseDirectory(await loadExpertiseDirectory(ctx, actor, course), course.id);
    if (wantsJson(req)) {
      res.json({ ok: true, data: expertise });
      return;
    }
    res.render('pages/expertise', { ...pageBase(req, res, translator(requestLocale(req, res))('care.expertiseHeading')), page: 'expertise', expertise, isStaff: actor.membership.role === 'staff' });
  }));

  router.get('/c/:courseId/expertise/:personId', handle(async (req, res) => {
    const { actor, course } = member(res);
    const profile = presentPersonExpertise(await loadPersonExpertise(ctx, actor, course, String(req.params.personId)));
    if (wantsJson(req)) {
      res.json({ ok: true, data: profile });
      return;
    }
    res.render('pages/expertise-person', { ...pageBase(req, res, profile.nameMessage ? translator(requestLocale(req, res))(profile.nameMessage.key, profile.nameMessage.params) : profile.name), page: 'expertise', profile, isStaff: actor.membership.role === 'staff' });
  }));

  return router;
}
