import type { Course } from '../../domain/course';
import type { ParticipationGrading, ParticipationScore } from '../../domain/participation';
import type { Actor } from '../../policies/can';
import type { CourseGrading, PushedScore } from '../../storage/grades-ports';
import type { CourseLtiServices } from '../../storage/lti-ports';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { courseScores, scoreOf, type LearnerScore } from './participation';

/** What the staff page shows: the settings, how sending stands, and every learner's score. */
export interface Gradebook {
  grading: CourseGrading;
  services: CourseLtiServices | null;
  learners: LearnerScore[];
  pushed: Map<string, PushedScore>;
}

export async function loadGradebook(ctx: CommandContext, actor: Actor, course: Course): Promise<Gradebook> {
  authorize(actor, 'grades.manage', { courseId: course.id });
  const grading = await ctx.storage.participationGrades.get(course.id);
  const [services, learners, pushed] = await Promise.all([
    ctx.storage.ltiServices.find(course.id),
    courseScores(ctx, course, grading.settings),
    ctx.storage.participationGrades.listPushedScores(course.id),
  ]);
  return { grading, services, learners, pushed: new Map(pushed.map((p) => [p.personId, p])) };
}

/** What a learner sees about their own grade. Only the actor's own counts are ever loaded. */
export interface MyParticipation {
  settings: ParticipationGrading;
  /** Null for staff (they are not graded) and while grading is off. */
  score: ParticipationScore | null;
  lastSent: PushedScore | null;
}

export async function loadMyParticipation(ctx: CommandContext, actor: Actor, course: Course): Promise<MyParticipation> {
  authorize(actor, 'course.view', { courseId: course.id });
  const { settings } = await ctx.storage.participationGrades.get(course.id);
  if (!settings.enabled || actor.membership.role !== 'learner') return { settings, score: null, lastSent: null };
  const [score, pushed] = await Promise.all([
    scoreOf(ctx, course, settings, actor.person.id),
    ctx.storage.participationGrades.listPushedScores(course.id),
  ]);
  return { settings, score, lastSent: pushed.find((p) => p.personId === actor.person.id) ?? null };
}
