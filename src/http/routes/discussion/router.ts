import { Router } from 'express';
import type { CommandContext } from '../../../commands/context';
import { requireCourseMember } from '../../middleware/course-member';
import { discussionActions } from './actions';
import { discussionApi } from './api';
import { discussionPages } from './pages';

/**
 * The discussion room: pages that work without JavaScript, the form and JSON actions behind
 * them, and the JSON API. Live updates reach other viewers through the socket broadcaster.
 */
export function discussionRouter(ctx: CommandContext): Router {
  const router = Router();
  router.use(['/c/:courseId/discussion', '/c/:courseId/notifications', '/api/courses/:courseId'], requireCourseMember(ctx));
  router.use(discussionPages(ctx));
  router.use(discussionActions(ctx));
  router.use(discussionApi(ctx));
  return router;
}
