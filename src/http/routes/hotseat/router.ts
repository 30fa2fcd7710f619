import { Router } from 'express';
import type { SessionOptions } from '../../../auth/sessions';
import type { CommandContext } from '../../../commands/context';
import { requireCourseMember } from '../../middleware/course-member';
import { hotseatActions } from './actions';
import { invitationRoutes } from './invitations';
import { hotseatPages } from './pages';
import { requireHotseatScope } from './scope';

/**
 * The hotseat: the course's list of sessions, each session's page and host console, the forms
 * and JSON actions behind them, and the guest invitation pages (reachable without the LMS).
 */
export function hotseatRouter(ctx: CommandContext, sessions: SessionOptions, publicUrl: string): Router {
  const router = Router();
  const memberOnly = requireCourseMember(ctx);
  const inHotseat = requireHotseatScope(ctx);
  // The course's list and the new-hotseat form are for members; a hotseat's own routes also admit its guest hosts.
  router.use(['/c/:courseId/hotseat', '/c/:courseId/hotseats'], (req, res, next) => (req.path === '/' || req.path === '/new' ? memberOnly(req, res, next) : next()));
  router.use('/c/:courseId/hotseats/:hotseatId', (req, res, next) => (req.params.hotseatId === 'new' ? next() : inHotseat(req, res, next)));
  router.use(invitationRoutes(ctx, sessions));
  router.use(hotseatPages(ctx));
  router.use(hotseatActions(ctx, publicUrl));
  return router;
}
