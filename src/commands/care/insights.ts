import { countedAnonymity, median, type CareSettings } from '../../domain/care';
import type { Community } from '../../domain/alumni';
import type { Course } from '../../domain/course';
import { phaseAt, type Hotseat, type HotseatPhase, type HotseatSummary } from '../../domain/hotseat';
import { displayName, type Person } from '../../domain/person';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';

/**
 * Instructor insights for one course, every figure computed by the store as a grouped count.
 * Each source of participation is one function below: the discussion room and the hotseats.
 * Trends across the cohorts of an alumni community are `cohortTrends` (commands/care/cohorts.ts).
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
  hotseatQuestions: number[];
}

/** A published hotseat of the course with the figures its archive shows (hotseat-ports.ts `summary`). */
export interface HotseatFigures {
  hotseat: Pick<Hotseat, 'id' | 'courseId' | 'title' | 'startsAt' | 'endsAt'>;
  phase: HotseatPhase;
  summary: HotseatSummary;
}

export interface CourseInsights {
  now: Date;
  settings: CareSettings;
  participation: WeeklySeries;
  learners: {
    total: number;
    /** Posted, voted, asked or voted in a hotseat in the last ACTIVE_DAYS days (posts anonymous to everyone left out). */
    active: Person[];
    silent: Person[];
    /** Among the silent: never posted or voted at all. */
    neverParticipated: number;
  };
  firstAnswer: { medianMs: number | null; answered: number; withoutAnswer: number };
  unanswered: { total: number; overdue: number };
  quiet: { lastActivityAt: Date | null; isQuiet: boolean };
  /** Every published hotseat, the latest start first. */
  hotseats: HotseatFigures[];
  /** The course belongs to an alumni community, whose cohorts staff can compare (cohorts.ts). */
  inCommunity: boolean;
}

/** Sources: the discussion room's threads, replies and votes, and the hotseats' questions, per week. */
async function participationPerWeek(ctx: CommandContext, courseId: string, now: Date): Promise<WeeklySeries> {
  const buckets = { start: new Date(weekStart(now).getTime() - (INSIGHT_WEEKS - 1) * WEEK_MS), bucketMs: WEEK_MS, buckets: INSIGHT_WEEKS };
  const [discussion, hotseatQuestions] = await Promise.all([
    ctx.storage.insights.activityPerBucket(courseId, buckets),
    ctx.storage.insights.hotseatQuestionsPerBucket(courseId, buckets),
  ]);
  return { weeks: Array.from({ length: INSIGHT_WEEKS }, (_, i) => new Date(buckets.start.getTime() + i * WEEK_MS)), ...discussion, hotseatQuestions };
}

/**
 * Sources: who took part in the discussion room or a hotseat since `since`. Posts and hotseat
 * questions anonymous to everyone are left out: a name on the "active" list next to a lone
 * anonymous post would give its author away. Votes name no one publicly, so they count.
 */
async function participants(ctx: CommandContext, courseId: string, since: Date): Promise<Set<string>> {
  const counted = countedAnonymity('staff');
  const [discussion, hotseats] = await Promise.all([
    ctx.storage.insights.participantsSince(courseId, since, counted),
    ctx.storage.insights.hotseatParticipantsSince(courseId, since, counted),
  ]);
  return new Set([...discussion, ...hotseats]);
}

/** Source: the course's published hotseats with their archive figures, the latest start first. */
async function hotseatFigures(ctx: CommandContext, courseId: string, now: Date): Promise<HotseatFigures[]> {
  const published = (await ctx.storage.hotseats.listByCourse(courseId))
    .map((hotseat) => ({ hotseat, phase: phaseAt(hotseat, now) }))
    .filter(({ phase }) => phase !== 'draft')
    .reverse();
  return Promise.all(published.map(async ({ hotseat, phase }) => ({ hotseat, phase, summary: await ctx.storage.hotseatQuestions.summary(hotseat.id) })));
}

async function learnerActivity(ctx: CommandContext, courseId: string, now: Date): Promise<CourseInsights['learners']> {
  const [members, active, participated] = await Promise.all([
    ctx.storage.memberships.listByCourse(courseId),
    participants(ctx, courseId, new Date(now.getTime() - ACTIVE_DAYS * DAY_MS)),
    participants(ctx, courseId, new Date(0)),
  ]);
  const learnerIds = members.filter((m) => m.role === 'learner').map((m) => m.personId);
  const people = new Map((await ctx.storage.people.findByIds(learnerIds)).map((p) => [p.id, p]));
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
  const [participation, learners, delays, unanswered, lastActivityAt, hotseats] = await Promise.all([
    participationPerWeek(ctx, course.id, now),
    learnerActivity(ctx, course.id, now),
    ctx.storage.insights.firstAnswerDelays(course.id, new Date(weekStart(now).getTime() - (INSIGHT_WEEKS - 1) * WEEK_MS)),
    ctx.storage.unanswered.count(course.id, new Date(now.getTime() - settings.answerTargetHours * 3_600_000)),
    ctx.storage.threads.lastActivityAt(course.id),
    hotseatFigures(ctx, course.id, now),
  ]);
  const inCommunity = (await communityOf(ctx, course.id)) !== null;
  return {
    now,
    settings,
    participation,
    learners,
    firstAnswer: { medianMs: median(delays.delaysMs), answered: delays.delaysMs.length, withoutAnswer: delays.withoutAnswer },
    unanswered,
    quiet: { lastActivityAt, isQuiet: lastActivityAt === null || now.getTime() - lastActivityAt.getTime() > settings.quietDays * DAY_MS },
    hotseats,
    inCommunity,
  };
}

/** One cohort (course run) in a community-level view: counts only, nobody named. */
export interface CohortFigures {
  courseId: string;
  title: string;
  learners: number;
  /** Learners who ever posted or voted (in the discussion room or a hotseat). */
  participatingLearners: number;
  /** Threads and replies in each week since the run began (its first launch), week 1 first. */
  postsPerWeek: number[];
  medianFirstAnswerMs: number | null;
  /** Learners of this run who became alumni of its community. */
  graduates: number;
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
    const [series, learners, delays, graduates] = await Promise.all([
      ctx.storage.insights.activityPerBucket(course.id, { start, bucketMs: WEEK_MS, buckets: COHORT_WEEKS }),
      learnerActivity(ctx, course.id, ctx.now()),
      ctx.storage.insights.firstAnswerDelays(course.id, start),
      ctx.storage.alumni.countByCourse(course.id),
    ]);
    cohorts.push({
      courseId: course.id,
      title: course.title,
      learners: learners.total,
      participatingLearners: learners.total - learners.neverParticipated,
      postsPerWeek: series.threads.map((threads, i) => threads + series.replies[i]!),
      medianFirstAnswerMs: median(delays.delaysMs),
      graduates,
    });
  }
  return cohorts;
}

/** The community whose space this course is, or the one this LMS course is linked to. */
export async function communityOf(ctx: CommandContext, courseId: string): Promise<Community | null> {
  const space = await ctx.storage.communities.findBySpaceCourse(courseId);
  if (space) return space;
  const link = await ctx.storage.alumniCourses.find(courseId);
  return link?.communityId ? ctx.storage.communities.findById(link.communityId) : null;
}
