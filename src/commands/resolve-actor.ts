import { forbidden, notFound } from '../domain/errors';
import type { Id } from '../domain/ids';
import type { Actor } from '../policies/can';
import type { Course } from '../domain/course';
import { isActiveMember } from '../domain/membership';
import type { CommandContext } from './context';
import { isCommunitySpace } from '../domain/alumni';
import type { SessionScope } from '../domain/launch';
import { ALUMNI_SESSION_ONLY, resolveSpaceActor } from './alumni/access';
import { withChampionFlag } from './care/champions';

/**
 * Turns "this browser's person wants course X" into an Actor, or refuses. Membership comes from
 * launches: someone who never opened this course from the LMS is not in it, whatever URL they type.
 */
export async function resolveActor(ctx: CommandContext, personId: Id, courseId: Id, scope: SessionScope = 'launch'): Promise<{ actor: Actor; course: Course }> {
  const [person, course, membership] = await Promise.all([
    ctx.storage.people.findById(personId),
    ctx.storage.courses.findById(courseId),
    ctx.storage.memberships.find(courseId, personId),
  ]);
  if (!course) throw notFound('COURSE_NOT_FOUND', 'errors.courseNotFound');
  // An alumni community's space is not an LMS course: who may enter is the community's rule.
  if (isCommunitySpace(course)) return withChampionFlag(ctx, await resolveSpaceActor(ctx, person, course, scope));
  if (scope === 'alumni') throw forbidden('ALUMNI_SESSION_ONLY', ALUMNI_SESSION_ONLY);
  if (!person || !membership) {
    throw forbidden('NOT_A_MEMBER', 'errors.notAMember');
  }
  // The LMS roster no longer lists them: access ends now, even with a session still open.
  if (!isActiveMember(membership)) {
    throw forbidden('MEMBER_REMOVED', 'errors.memberRemoved');
  }
  return withChampionFlag(ctx, { actor: { person, membership }, course });
}
