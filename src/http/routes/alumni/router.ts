import { Router } from 'express';
import type { CommandContext } from '../../../commands/context';
import { alumniCoursePages } from './course-pages';
import { alumniSignInPages, type SignInDeps } from './sign-in';
import { alumniSpacePages } from './space-pages';

/**
 * The alumni space. Mounted before the course router: a community's space course answers its
 * /c/:courseId and /c/:courseId/alumni URLs with the community's page, and an LMS course's alumni
 * page replaces the placeholder there. Sign-in routes come before /alumni/:communityId.
 */
export function alumniRouter(ctx: CommandContext, deps: SignInDeps): Router {
  const router = Router();
  router.use(alumniSignInPages(ctx, deps));
  router.use(alumniCoursePages(ctx));
  router.use(alumniSpacePages(ctx));
  return router;
}
