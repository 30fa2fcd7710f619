import { Router } from 'express';
import type { CommandContext } from '../../../commands/context';
import { requireCourseMember } from '../../middleware/course-member';
import { preferenceRoutes } from './preferences';
import { unsubscribeRoutes } from './unsubscribe';

/**
 * Email digests: each member's choice (a course page, so it sits beside their notifications) and the
 * signed unsubscribe link from the emails (no session needed). Mounted before the discussion router,
 * whose /c/:courseId/notifications prefix would otherwise resolve the member a second time.
 */
export function digestRouter(ctx: CommandContext, secret: string): Router {
  const router = Router();
  router.use('/c/:courseId/notifications/email', requireCourseMember(ctx));
  router.use(preferenceRoutes(ctx));
  router.use(unsubscribeRoutes(ctx, secret));
  return router;
}
