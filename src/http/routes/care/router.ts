import { Router } from 'express';
import type { SessionOptions } from '../../../auth/sessions';
import type { CommandContext } from '../../../commands/context';
import { requireCourseMember } from '../../middleware/course-member';
import { championRoutes } from './champions';
import { cohortRoutes } from './cohorts';
import { exportRoutes } from './export';
import { insightRoutes } from './insights';
import { privacyRoutes } from './privacy';
import { unansweredRoutes } from './unanswered';

/**
 * Keeping the community alive: staff's unanswered queue and routing, insights, champions, care
 * settings and the course export; everyone's "who knows what" and "my data".
 */
export function careRouter(ctx: CommandContext, sessions: SessionOptions): Router {
  const router = Router();
  router.use(['/c/:courseId/care', '/c/:courseId/expertise', '/c/:courseId/my-data'], requireCourseMember(ctx));
  router.use(unansweredRoutes(ctx));
  router.use(insightRoutes(ctx));
  router.use(cohortRoutes(ctx));
  router.use(championRoutes(ctx));
  router.use(exportRoutes(ctx));
  router.use(privacyRoutes(ctx, sessions));
  return router;
}
