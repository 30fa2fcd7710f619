import type { Course } from '../domain/course';
import type { Actor } from '../policies/can';
import { authorize } from './authorize';
import type { CommandContext } from './context';

export interface CourseHomeData {
  course: Course;
  memberCount: number;
  discussion: { threadCount: number; lastActivityAt: Date | null };
  latestEventSeq: number;
}

export async function loadCourseHome(ctx: CommandContext, actor: Actor, course: Course): Promise<CourseHomeData> {
  authorize(actor, 'course.view', { courseId: course.id });
  const [memberCount, threadCount, lastActivityAt, latestEventSeq] = await Promise.all([
    ctx.storage.memberships.countByCourse(course.id),
    ctx.storage.threads.countByCourse(course.id),
    ctx.storage.threads.lastActivityAt(course.id),
    ctx.storage.events.latestSeq(course.id),
  ]);
  return { course, memberCount, discussion: { threadCount, lastActivityAt }, latestEventSeq };
}
