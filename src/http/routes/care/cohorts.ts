import { Router } from 'express';
import { loadCommunityTrends } from '../../../commands/care/cohorts';
import type { CommandContext } from '../../../commands/context';
import { presentCohortTrends } from '../../../presenters/insights';
import { translator } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { requestLocale } from '../../middleware/locale';
import { member } from '../../middleware/course-member';
import { wantsJson } from '../../middleware/errors';
import { pageBase } from './page';

/**
 * Trends across the cohorts of an alumni community, counts only. The same page answers for a
 * linked course (from its insights page) and for the community's space course (from the
 * community's staff view): both name the community's staff as the only readers.
 */
export function cohortRoutes(ctx: CommandContext): Router {
  const router = Router();

  router.get('/c/:courseId/care/cohorts', handle(async (req, res) => {
    const { actor, course } = member(res);
    const trends = await loadCommunityTrends(ctx, actor, course);
    const view = { community: trends.community ? { id: trends.community.id, name: trends.community.name } : null, ...presentCohortTrends(trends.cohorts, requestLocale(req, res)) };
    if (wantsJson(req)) {
      // The figures without the drawings.
      res.json({ ok: true, data: { ...view, cohorts: view.cohorts.map(({ chart: _chart, ...figures }) => figures) } });
      return;
    }
    res.render('pages/cohort-trends', { ...pageBase(req, res, translator(requestLocale(req, res))('care.cohortsHeading')), trends: view });
  }));

  return router;
}
