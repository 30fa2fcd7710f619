import type { Course } from '../../domain/course';
import { forbidden, notFound } from '../../domain/errors';
import { phaseAt, type Hotseat, type HotseatPhase } from '../../domain/hotseat';
import type { SessionScope } from '../../domain/launch';
import type { Membership } from '../../domain/membership';
import type { Person } from '../../domain/person';
import { canInHotseat, hotseatRefusal, type HotseatAction, type HotseatSubject, type HotseatTarget } from '../../policies/hotseat';
import type { CommandContext } from '../context';
import { resolveActor } from '../resolve-actor';

/**
 * Someone acting in one hotseat: a course member (with their membership) or a guest host, who
 * has no membership and reaches nothing of the course but this hotseat.
 */
export interface HotseatActor {
  person: Person;
  membership: Membership | null;
  subject: HotseatSubject;
}

export interface HotseatScope {
  actor: HotseatActor;
  course: Course;
  hotseat: Hotseat;
  /** The phase now, from the clock: right even before the scheduler has announced it. */
  phase: HotseatPhase;
}

const HOTSEAT_NOT_FOUND = 'errors.hotseatNotFound';

/**
 * Resolves who is asking for this hotseat, or refuses; the same answer for a missing and a hidden draft.
 * `sessionScope` is the session's reach: an alumni email-link session opens no course, so no course's hotseat either.
 */
export async function resolveHotseatScope(ctx: CommandContext, personId: string, courseId: string, hotseatId: string, sessionScope: SessionScope = 'launch'): Promise<HotseatScope> {
  const [hotseat, host, membership] = await Promise.all([
    ctx.storage.hotseats.findById(courseId, hotseatId),
    ctx.storage.hotseatHosts.find(hotseatId, personId),
    ctx.storage.memberships.find(courseId, personId),
  ]);
  if (!hotseat) throw notFound('HOTSEAT_NOT_FOUND', HOTSEAT_NOT_FOUND);
  const phase = phaseAt(hotseat, ctx.now());

  let actor: HotseatActor;
  let course: Course;
  if (membership) {
    const resolved = await resolveActor(ctx, personId, courseId, sessionScope);
    course = resolved.course;
    actor = { person: resolved.actor.person, membership: resolved.actor.membership, subject: { personId, role: resolved.actor.membership.role, isHost: host !== null } };
  } else {
    const [person, found] = await Promise.all([ctx.storage.people.findById(personId), ctx.storage.courses.findById(courseId)]);
    if (!person || !found || host?.kind !== 'guest') {
      throw forbidden('NOT_A_MEMBER', 'errors.notAMember');
    }
    course = found;
    actor = { person, membership: null, subject: { personId, role: 'guest', isHost: true } };
  }
  if (!canInHotseat(actor.subject, 'hotseat.view', { phase })) {
    if (phase === 'draft') throw notFound('HOTSEAT_NOT_FOUND', HOTSEAT_NOT_FOUND);
    throw forbidden('HOTSEAT_CLOSED_TO_GUEST', 'errors.hotseatClosedToGuest');
  }
  return { actor, course, hotseat, phase };
}

export function authorizeInHotseat(scope: Pick<HotseatScope, 'actor' | 'phase'>, action: HotseatAction, question?: HotseatTarget['question']): void {
  const target: HotseatTarget = { phase: scope.phase, question };
  if (!canInHotseat(scope.actor.subject, action, target)) throw forbidden('FORBIDDEN', hotseatRefusal(action, target));
}

/** A question of this hotseat as its viewer may see it, or a not-found that reveals nothing. */
export async function findQuestion(ctx: CommandContext, scope: HotseatScope, questionId: string) {
  const question = await ctx.storage.hotseatQuestions.findById(scope.course.id, questionId);
  const runsIt = canInHotseat(scope.actor.subject, 'question.seePending', { phase: scope.phase });
  const isAsker = question?.authorId === scope.actor.person.id;
  const invisible = !question || question.hotseatId !== scope.hotseat.id
    || (!runsIt && !isAsker && (question.hidden || question.status === 'pending' || question.status === 'declined'));
  if (invisible) throw notFound('QUESTION_NOT_FOUND', 'errors.hotseatQuestionNotFound');
  return question;
}
