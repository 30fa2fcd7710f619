import type { NextFunction, Request, Response } from 'express';
import { NO_SESSION_MESSAGE } from '../../../auth/sessions';
import type { CommandContext } from '../../../commands/context';
import { resolveHotseatScope, type HotseatScope } from '../../../commands/hotseat/access';
import { notFound, unauthorized } from '../../../domain/errors';
import { HotseatParams } from './schema';

/**
 * For every /c/:courseId/hotseats/:hotseatId route: a course member, or a guest host of this
 * very hotseat (who reaches nothing else of the course).
 */
export function requireHotseatScope(ctx: CommandContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      if (!req.session) throw unauthorized('NO_SESSION', NO_SESSION_MESSAGE);
      const params = HotseatParams.safeParse(req.params);
      if (!params.success) throw notFound('HOTSEAT_NOT_FOUND', 'errors.hotseatNotInCourse');
      const scope = await resolveHotseatScope(ctx, req.session.personId, params.data.courseId, params.data.hotseatId, req.session.scope);
      const unreadCount = scope.actor.membership ? await ctx.storage.notifications.countUnread(scope.actor.person.id, scope.course.id) : 0;
      Object.assign(res.locals, { scope, unreadCount });
      next();
    } catch (error) {
      next(error);
    }
  };
}

export const hotseatScope = (res: Response): HotseatScope => (res.locals as { scope: HotseatScope }).scope;
