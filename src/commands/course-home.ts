import type { Course } from '../domain/course';
import type { Actor } from '../policies/can';
import { authorize } from './authorize';
import type { CommandContext } from './context';

export interface CourseHomeData {
  course: Course;
  memberCount: number;
  discussion: { threadCount: number; lastActivityAt: Date | null };
  /** What appeared since this person's previous visit to the course home; null on their first visit. */
  sinceLastVisit: { threads: number; replies: number; since: Date } | null;
  latestEventSeq: number;
}

/** The course home; also records this visit, so the next one can say what is new. */
export async function loadCourseHome(ctx: CommandContext, actor: Actor, course: Course, options: { recordVisit: boolean } = { recordVisit: true }): Promise<CourseHomeData> {
  authorize(actor, 'course.view', { courseId: course.id });
  const previousVisit = options.recordVisit ? await ctx.storage.readState.recordVisit(actor.person.id, course.id, ctx.now()) : null;
  const [memberCount, threadCount, lastActivityAt, latestEventSeq, newThreads, newReplies] = await Promise.all([
    ctx.storage.memberships.countByCourse(course.id),
    ctx.storage.threads.countByCourse(course.id),
    ctx.storage.threads.lastActivityAt(course.id),
    ctx.storage.events.latestSeq(course.id),
    previousVisit ? ctx.storage.threads.countCreatedSince(course.id, previousVisit, actor.person.id) : Promise.resolve(0),
    previousVisit ? ctx.storage.replies.countCreatedSince(course.id, previousVisit, actor.person.id) : Promise.resolve(0),
  ]);
  return {
    course,
    memberCount,
    discussion: { threadCount, lastActivityAt },
    sinceLastVisit: previousVisit ? { threads: newThreads, replies: newReplies, since: previousVisit } : null,
    latestEventSeq,
  };
}
