import type { Course } from '../../domain/course';
import { badRequest } from '../../domain/errors';
import type { NestedMessage } from '../../i18n/translate';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';

/** What sends scores to the LMS (lti/services/grade-push.ts); commands know only this. */
export interface GradePusher {
  pushCourse(courseId: string): Promise<PushOutcome>;
}

export type PushOutcome =
  | { status: 'pushed'; sent: number }
  /** `error`: the failure as a catalog message, said in each reader's language. */
  | { status: 'failed'; error: NestedMessage; nextAttemptAt: Date | null }
  | { status: 'skipped'; reason: 'disabled' | 'already-running' };

/** Staff pressed "Push now": earlier failures are forgotten and the course is pushed at once. */
export async function pushGradesNow(ctx: CommandContext, actor: Actor, course: Course, pusher: GradePusher): Promise<PushOutcome> {
  authorize(actor, 'grades.manage', { courseId: course.id });
  const { settings } = await ctx.storage.participationGrades.get(course.id);
  if (!settings.enabled) {
    throw badRequest('GRADING_OFF', 'errors.gradingOff');
  }
  await ctx.storage.participationGrades.requestPush(course.id, ctx.now());
  return pusher.pushCourse(course.id);
}
