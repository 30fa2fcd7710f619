import { defaultCohortLabel, type Alumnus } from '../../domain/alumni';
import type { Course } from '../../domain/course';
import { badRequest } from '../../domain/errors';
import type { Id } from '../../domain/ids';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';

/**
 * When a course ends (its end date passed, or staff pressed "graduate this cohort"), its learners
 * become alumni of the community, with the cohort label. Idempotent: the course is marked graduated
 * in the same transaction that adds its alumni, and only if it was not already, so two processes, a
 * restart or a second press never graduate it twice.
 */
export interface GraduationResult {
  graduated: boolean;
  alumniAdded: number;
  graduatedAt: Date | null;
}

export async function graduateCourse(ctx: CommandContext, courseId: Id, by: Id | null): Promise<GraduationResult> {
  const now = ctx.now();
  return ctx.storage.transaction(async (tx) => {
    const record = await tx.alumniCourses.find(courseId);
    const course = await tx.courses.findById(courseId);
    if (!record?.communityId || !course) return { graduated: false, alumniAdded: 0, graduatedAt: null };
    if (!(await tx.alumniCourses.markGraduated(courseId, now, by))) return { graduated: false, alumniAdded: 0, graduatedAt: record.graduatedAt };
    const learners = (await tx.memberships.listByCourse(courseId)).filter((m) => m.role === 'learner');
    const cohortLabel = record.cohortLabel ?? defaultCohortLabel(course, record.term);
    const alumni: Alumnus[] = learners.map((m) => ({ communityId: record.communityId!, personId: m.personId, courseId, cohortLabel, graduatedAt: now }));
    const alumniAdded = await tx.alumni.add(alumni);
    return { graduated: true, alumniAdded, graduatedAt: now };
  });
}

/** Staff graduate their cohort now (before, or without, an end date). */
export async function graduateCohort(ctx: CommandContext, actor: Actor, course: Course): Promise<GraduationResult> {
  authorize(actor, 'alumni.manage', { courseId: course.id });
  const record = await ctx.storage.alumniCourses.find(course.id);
  if (!record?.communityId) throw badRequest('NOT_LINKED', 'errors.graduateNotLinked');
  return graduateCourse(ctx, course.id, actor.person.id);
}

/** The scheduled part: every linked course whose end date has passed. Returns how many it graduated. */
export async function graduateDueCourses(ctx: CommandContext, batch = 50): Promise<number> {
  let graduated = 0;
  for (const courseId of await ctx.storage.alumniCourses.listDueForGraduation(ctx.now(), batch)) {
    if ((await graduateCourse(ctx, courseId, null)).graduated) graduated += 1;
  }
  return graduated;
}
