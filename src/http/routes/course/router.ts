import { Router } from 'express';
import type { CommandContext } from '../../../commands/context';
import { loadCourseHome } from '../../../commands/course-home';
import { translator } from '../../../i18n/translate';
import { presentCourseHome } from '../../../presenters/course';
import { handle } from '../../async-handler';
import { member, requireCourseMember } from '../../middleware/course-member';
import { requestLocale } from '../../middleware/locale';

/** The course home. */
export function courseRouter(ctx: CommandContext): Router {
  const router = Router();
  const memberOnly = requireCourseMember(ctx);

  router.get('/c/:courseId', memberOnly, handle(async (req, res) => {
    const { actor, course } = member(res);
    const home = presentCourseHome(await loadCourseHome(ctx, actor, course), actor, translator(requestLocale(req, res)));
    res.render('pages/course-home', { title: course.title, page: 'home', home, csrfToken: req.session!.csrfToken, liveCourseId: course.id, lastSeq: home.latestEventSeq });
  }));
  // The hotseat (routes/hotseat) and the alumni space (routes/alumni) have routers of their own.
  return router;
}
