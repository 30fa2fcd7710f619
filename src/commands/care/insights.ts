import { countedAnonymity, median, type CareSettings } from '../../domain/care';
import type { Course } from '../../domain/course';
import { displayName, type Person } from '../../domain/person';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';

/**
 * Instructor insights for one course, every figure computed by the store as a grouped count.
 * Each source of participation is one function below; the discussion room is the only one today
 * (hotseat questions and alumni cohorts join once those areas exist: see the report).
 */
export const INSIGHT_WEEKS = 12;
/** A learner is active when they posted or voted in this many days. */
export const ACTIVE_DAYS = 14;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the week holding `date`: weeks are the same for everyone, whatever their time zone. */
export function weekStart(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

export interface WeeklySeries {
  /** The Monday each week starts on, oldest first; the last week is the current one, still running. */
  weeks: Date[];
  threads: number[];
  replies: number[];
  votes: number[];
}

export interface CourseInsights {
  now: Date;
  settings: CareSettings;
  participation: WeeklySeries;
  learners: {
    total: number;
    /** Posted or voted in the last ACTIVE_DAYS days (posts anonymous to everyone left out). */
    active: Person[];
    silent: Person[];
    /** Among the silent: never posted or voted at all. */
    neverParticipated: number;
  };
  firstAnswer: { medianMs: number | null; answered: number; withoutAnswer: number };
  unanswered: { total: number; overdue: number };
  quiet: { lastActivityAt: Date | null; isQuiet: boolean };
}

/** Source: the discussion room's threads, replies and votes per week. */
async function discussionPerWeek(ctx: CommandContext, courseId: string, now: Date): Promise<WeeklySeries> {
  const start = new Date(weekStart(now).getTime() - (INSIGHT_WEEKS - 1) * WEEK_MS);
  const counts = await ctx.storage.insights.activityPerBucket(courseId, { start, bucketMs: WEEK_MS, buckets: INSIGHT_WEEKS });
  return { weeks: Array.from({ length: INSIGHT_WEEKS }, (_, i) => new Date(start.getTime() + i * WEEK_MS)), ...counts };
}

/**
 * Source: who took part in the discussion room since `since`. Posts anonymous to everyone are left
 * out: a name on the "active" list next to a lone anonymous post would give its author away.
 */
function discussionParticipants(ctx: CommandContext, courseId: string, since: Date): Promise<string[]> {
  return ctx.storage.insights.participantsSince(courseId, since, countedAnonymity('staff'));
}

async function learnerActivity(ctx: CommandContext, courseId: string, now: Date): Promise<CourseInsights['learners']> {
  const [members, recent, ever] = await Promise.all([
    ctx.storage.memberships.listByCourse(courseId),
    discussionParticipants(ctx, courseId, new Date(now.getTime() - ACTIVE_DAYS * DAY_MS)),
    discussionParticipants(ctx, courseId, new Date(0)),
  ]);
  const learnerIds = members.filter((m) => m.role === 'learner').map((m) => m.personId);
  const people = new Map((await ctx.storage.people.findByIds(learnerIds)).map((p) => [p.id, p]));
  const active = new Set(recent);
  const participated = new Set(ever);
  const byName = (a: Person, b: Person) => displayName(a).localeCompare(displayName(b));
  const learners = learnerIds.map((id) => people.get(id)).filter((p): p is Person => p !== undefined);
  return {
    total: learners.length,
    active: learners.filter((p) => active.has(p.id)).sort(byName),
    silent: learners.filter((p) => !active.has(p.id)).sort(byName),
    neverParticipated: learners.filter((p) => !participated.has(p.id)).length,
  };
}

export async function loadCourseInsights(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>): Promise<CourseInsights> {
  authorize(actor, 'insights.view', { courseId: course.id });
  const now = ctx.now();
  const settings = await ctx.storage.careSettings.get(course.id, now);
  const [participation, learners, delays, unanswered, lastActivityAt] = await Promise.all([
    discussionPerWeek(ctx, course.id, now),
    learnerActivity(ctx, course.id, now),
    ctx.storage.insights.firstAnswerDelays(course.id, new Date(weekStart(now).getTime() - (INSIGHT_WEEKS - 1) * WEEK_MS)),
    ctx.storage.unanswered.count(course.id, new Date(now.getTime() - settings.answerTargetHours * 3_600_000)),
    ctx.storage.threads.lastActivityAt(course.id),
  ]);
  return {
    now,
    settings,
    participation,
    learners,
    firstAnswer: { medianMs: median(delays.delaysMs), answered: delays.delaysMs.length, withoutAnswer: delays.withoutAnswer },
    unanswered,
    quiet: { lastActivityAt, isQuiet: lastActivityAt === null || now.getTime() - lastActivityAt.getTime() > settings.quietDays * DAY_MS },
  };
}

/** One cohort (course run) in a community-level view: counts only, nobody named. */
export interface CohortFigures {
  courseId: string;
  title: string;
  learners: number;
  /** Learners who ever posted or voted. */
  participatingLearners: number;
  /** Threads and replies in each week since the run began (its first launch), week 1 first. */
  postsPerWeek: number[];
  medianFirstAnswerMs: number | null;
}

export const COHORT_WEEKS = 16;

/**
 * Trends across the cohorts of a community, naming no one. Each run is measured from its own
 * first week, so runs of different terms line up. The caller decides who may see them and which
 * courses form the community (the alumni area links course runs into a community).
 */
export async function cohortTrends(ctx: CommandContext, courses: ReadonlyArray<Pick<Course, 'id' | 'title' | 'createdAt'>>): Promise<CohortFigures[]> {
  const cohorts: CohortFigures[] = [];
  for (const course of courses) {
    const start = weekStart(course.createdAt);
    const [series, learners, delays] = await Promise.all([
      ctx.storage.insights.activityPerBucket(course.id, { start, bucketMs: WEEK_MS, buckets: COHORT_WEEKS }),
      learnerActivity(ctx, course.id, ctx.now()),
      ctx.storage.insights.firstAnswerDelays(course.id, start),
    ]);
    cohorts.push({
      courseId: course.id,
      title: course.title,
      learners: learners.total,
      participatingLearners: learners.total - learners.neverParticipated,
      postsPerWeek: series.threads.map((threads, i) => threads + series.replies[i]!),
      medianFirstAnswerMs: median(delays.delaysMs),
    });
  }
  return cohorts;
}
