import type { NextFunction, Request, Response } from 'express';
import type { CommandContext } from '../../../commands/context';
import { resolveActor } from '../../../commands/resolve-actor';
import type { Community } from '../../../domain/alumni';
import type { Course } from '../../../domain/course';
import { notFound, unauthorized } from '../../../domain/errors';
import type { Actor } from '../../../policies/can';

export interface CommunityLocals {
  actor: Actor;
  /** The community's space course. */
  course: Course;
  community: Community;
  unreadCount: number;
}

export const NO_SESSION_ALUMNI = 'errors.noSessionAlumni';

/**
 * For every /alumni/:communityId route: the same gate as the community's room (resolveActor on its
 * space course), so a page and its discussion can never disagree about who may enter.
 */
export function requireCommunityMember(ctx: CommandContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      if (!req.session) throw unauthorized('NO_SESSION', NO_SESSION_ALUMNI);
      const community = await ctx.storage.communities.findById(String(req.params.communityId));
      if (!community) throw notFound('COMMUNITY_NOT_FOUND', 'errors.communityNotInAgora');
      const { actor, course } = await resolveActor(ctx, req.session.personId, community.spaceCourseId, req.session.scope);
      const unreadCount = await ctx.storage.notifications.countUnread(actor.person.id, course.id);
      Object.assign(res.locals, { actor, course, community, unreadCount } satisfies CommunityLocals);
      next();
    } catch (error) {
      next(error);
    }
  };
}

export const communityMember = (res: Response): CommunityLocals => res.locals as unknown as CommunityLocals;
