import type { Course } from '../domain/course';
import type { Actor } from '../policies/can';
import { authorize } from './authorize';
import type { CommandContext } from './context';
import { listHotseats, type HotseatListEntry } from './hotseat/read';
import { courseAlumniSummary, type CourseAlumniSummary } from './alumni/read';

export interface CourseHomeData {
  course: Course;
  memberCount: number;
  discussion: { threadCount: number; lastActivityAt: Date | null };
  /** What appeared since this person's previous visit to the course home; null on their first visit. */
  sinceLastVisit: { threads: number; replies: number; since: Date } | null;
  latestEventSeq: number;
  /** Staff turned participation grading on: learners get a link to how their grade is computed. */
  participationGraded: boolean;
  /** The course's hotseats this person may see, with their phase now. */
  hotseats: HotseatListEntry[];
  /** The alumni community the course belongs to, or null while it has none. */
  alumni: CourseAlumniSummary | null;
}

/** The course home; also records this visit, so the next one can say what is new. */
export async function loadCourseHome(ctx: CommandContext, actor: Actor, course: Course, options: { recordVisit: boolean } = { recordVisit: true }): Promise<CourseHomeData> {
  authorize(actor, 'course.view', { courseId: course.id });
  const previousVisit = options.recordVisit ? await ctx.storage.readState.recordVisit(actor.person.id, course.id, ctx.now()) : null;
  const [memberCount, threadCount, lastActivityAt, latestEventSeq, newThreads, newReplies, grading] = await Promise.all([
    ctx.storage.memberships.countByCourse(course.id),
    ctx.storage.threads.countByCourse(course.id),
    ctx.storage.threads.lastActivityAt(course.id),
    ctx.storage.events.latestSeq(course.id),
    previousVisit ? ctx.storage.threads.countCreatedSince(course.id, previousVisit, actor.person.id) : Promise.resolve(0),
    previousVisit ? ctx.storage.replies.countCreatedSince(course.id, previousVisit, actor.person.id) : Promise.resolve(0),
    ctx.storage.participationGrades.get(course.id),
  ]);
  const hotseats = await listHotseats(ctx, actor, course);
  const alumni = await courseAlumniSummary(ctx, course.id);
  return {
    course,
    memberCount,
    discussion: { threadCount, lastActivityAt },
    sinceLastVisit: previousVisit ? { threads: newThreads, replies: newReplies, since: previousVisit } : null,
    latestEventSeq,
    participationGraded: grading.settings.enabled,
    hotseats,
    alumni,
  };
}
