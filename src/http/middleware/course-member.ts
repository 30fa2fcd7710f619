import type { NextFunction, Request, Response } from 'express';
import type { CommandContext } from '../../commands/context';
import { resolveActor } from '../../commands/resolve-actor';
import type { Course } from '../../domain/course';
import { unauthorized } from '../../domain/errors';
import type { Actor } from '../../policies/can';
import { NO_SESSION_MESSAGE } from '../../auth/sessions';

export interface MemberLocals {
  actor: Actor;
  course: Course;
}

/** For every /c/:courseId route: the signed-in person must be a member of that course. */
export function requireCourseMember(ctx: CommandContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      if (!req.session) {
        throw unauthorized('NO_SESSION', NO_SESSION_MESSAGE);
      }
      const { actor, course } = await resolveActor(ctx, req.session.personId, String(req.params.courseId), req.session.scope);
      // Every course page shows the notification bell.
      const unreadCount = await ctx.storage.notifications.countUnread(actor.person.id, course.id);
      Object.assign(res.locals, { actor, course, unreadCount } satisfies MemberLocals & { unreadCount: number });
      next();
    } catch (error) {
      next(error);
    }
  };
}

export const member = (res: Response): MemberLocals => res.locals as unknown as MemberLocals;
