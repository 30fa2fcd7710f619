import type { Community } from '../../domain/alumni';
import type { Course } from '../../domain/course';
import { forbidden, notFound } from '../../domain/errors';
import type { Id } from '../../domain/ids';
import type { SessionScope } from '../../domain/launch';
import { isActiveMember, type CourseRole } from '../../domain/membership';
import type { Person } from '../../domain/person';
import type { Actor } from '../../policies/can';
import type { CommandContext } from '../context';

/**
 * Who may enter an alumni community's space, and as what. The space course has no LMS behind it,
 * so its membership is decided here, from the community's records, on every request (HTTP and
 * sockets alike, through resolveActor):
 * - staff of any linked course are the community's staff;
 * - alumni of any cohort are members;
 * - current learners of a linked course read, post or do not see it, as the community decides;
 * - someone who left the community is a former member and has no access;
 * - a session from an email sign-in link counts alumni status only.
 * The decision is mirrored into an ordinary membership of the space course, so that mentions,
 * announcements and live updates of the room work unchanged.
 */
export const ALUMNI_SESSION_ONLY = 'errors.alumniSessionOnly';

export interface Standing {
  role: CourseRole;
  readOnly: boolean;
  mentor: boolean;
  alumnus: boolean;
  /** A current learner of a linked course (not alumni, not staff). */
  currentLearner: boolean;
}

export async function resolveSpaceActor(ctx: CommandContext, person: Person | null, course: Course, scope: SessionScope): Promise<{ actor: Actor; course: Course }> {
  const community = await ctx.storage.communities.findBySpaceCourse(course.id);
  if (!community) throw notFound('COMMUNITY_NOT_FOUND', 'errors.communityGone');
  if (!person) throw forbidden('NOT_IN_COMMUNITY', NOT_IN_COMMUNITY);
  const standing = await standingIn(ctx, community, person.id, scope);
  const membership = await mirrorMembership(ctx, course.id, person.id, standing.role);
  return { actor: { person, membership, readOnly: standing.readOnly || undefined, mentor: standing.mentor || undefined }, course };
}

const NOT_IN_COMMUNITY = 'errors.notInCommunity';

/** The person's standing in the community, or a refusal that says why. */
export async function standingIn(ctx: CommandContext, community: Community, personId: Id, scope: SessionScope): Promise<Standing> {
  const [leftAt, cohorts, mentor] = await Promise.all([
    ctx.storage.alumni.findDeparture(community.id, personId),
    ctx.storage.alumni.listForPerson(community.id, personId),
    ctx.storage.alumni.isMentor(community.id, personId),
  ]);
  if (leftAt) {
    throw forbidden('LEFT_COMMUNITY', 'errors.leftCommunity');
  }
  const alumnus = cohorts.length > 0;
  if (scope === 'alumni') {
    if (!alumnus) throw forbidden('NOT_ALUMNI', 'errors.emailSignInNotAlumnus');
    return { role: 'learner', readOnly: false, mentor, alumnus, currentLearner: false };
  }
  const roles = await linkedCourseRoles(ctx, community.id, personId);
  if (roles.includes('staff')) return { role: 'staff', readOnly: false, mentor, alumnus, currentLearner: false };
  if (alumnus) return { role: 'learner', readOnly: false, mentor, alumnus, currentLearner: false };
  if (roles.includes('learner')) {
    if (community.learnerAccess === 'hidden') {
      throw forbidden('COMMUNITY_CLOSED_TO_LEARNERS', 'errors.communityClosedToLearners');
    }
    return { role: 'learner', readOnly: community.learnerAccess === 'read', mentor, alumnus, currentLearner: true };
  }
  throw forbidden('NOT_IN_COMMUNITY', NOT_IN_COMMUNITY);
}

/** The person's active roles in the courses linked to the community. */
export async function linkedCourseRoles(ctx: CommandContext, communityId: Id, personId: Id): Promise<CourseRole[]> {
  const links = await ctx.storage.alumniCourses.listByCommunity(communityId);
  const memberships = await Promise.all(links.map((link) => ctx.storage.memberships.find(link.courseId, personId)));
  return memberships.filter((m) => m !== null && isActiveMember(m)).map((m) => m!.role);
}

/** Keeps the space course's membership in step with the standing; writes only when something changed. */
async function mirrorMembership(ctx: CommandContext, courseId: Id, personId: Id, role: CourseRole) {
  const existing = await ctx.storage.memberships.find(courseId, personId);
  if (existing && existing.role === role && isActiveMember(existing)) return existing;
  return ctx.storage.memberships.recordLaunch({ courseId, personId, role, ltiRoles: [], now: ctx.now() });
}
