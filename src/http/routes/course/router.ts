import { Router } from 'express';
import type { CommandContext } from '../../../commands/context';
import { loadCourseHome } from '../../../commands/course-home';
import { presentCourseHome } from '../../../presenters/course';
import { handle } from '../../async-handler';
import { member, requireCourseMember } from '../../middleware/course-member';

/** The course home and the spaces that have no content of their own yet. */
export function courseRouter(ctx: CommandContext): Router {
  const router = Router();
  const memberOnly = requireCourseMember(ctx);

  router.get('/c/:courseId', memberOnly, handle(async (req, res) => {
    const { actor, course } = member(res);
    const home = presentCourseHome(await loadCourseHome(ctx, actor, course), actor);
    res.render('pages/course-home', { title: course.title, page: 'home', home, csrfToken: req.session!.csrfToken, liveCourseId: course.id, lastSeq: home.latestEventSeq });
  }));

  // The hotseat has its own router (routes/hotseat); the alumni space still shows what it will hold.
  for (const space of ['alumni'] as const) {
    router.get(`/c/:courseId/${space}`, memberOnly, handle(async (req, res) => {
      const { actor, course } = member(res);
      const home = presentCourseHome(await loadCourseHome(ctx, actor, course, { recordVisit: false }), actor);
      const view = home.spaces.find((s) => s.kind === space)!;
      res.render('pages/space-empty', { title: `${view.name} · ${course.title}`, page: space, home, space: view, csrfToken: req.session!.csrfToken, liveCourseId: course.id, lastSeq: home.latestEventSeq });
    }));
  }
  return router;
}
