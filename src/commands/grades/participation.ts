import type { Course } from '../../domain/course';
import type { Id } from '../../domain/ids';
import type { Membership } from '../../domain/membership';
import {
  emptyWeek, scoreParticipation, WEEK_MS, weeksBetween, type ParticipationRubric, type ParticipationScore, type WeekCounts,
} from '../../domain/participation';
import type { Person } from '../../domain/person';
import type { HotseatQuestionCounter, ParticipationRepository } from '../../storage/grades-ports';
import type { Storage } from '../../storage/ports';
import type { CommandContext } from '../context';

/**
 * The one place participation is counted, week by week, for every grade Agora shows or sends.
 * Two sources: the discussion room (threads, replies, endorsed answers) and the hotseat (questions).
 * Weeks run from the one the course started in to the current one.
 */
export interface ParticipationSources {
  discussion: ParticipationRepository;
  hotseat: HotseatQuestionCounter;
}

export type ParticipationContext = Pick<CommandContext, 'storage' | 'now'>;

export function participationSources(storage: Storage): ParticipationSources {
  return { discussion: storage.participation, hotseat: storage.hotseatQuestions };
}

/** Per-week counts for each of `personIds` (every week present, zeros included), oldest week first. */
export async function countParticipation(
  ctx: ParticipationContext,
  course: Pick<Course, 'id' | 'createdAt'>,
  personIds: readonly Id[],
): Promise<Map<Id, WeekCounts[]>> {
  const sources = participationSources(ctx.storage);
  const only = personIds.length === 1 ? { authorId: personIds[0] } : {};
  const contributions = await sources.discussion.listContributions(course.id, only);
  const now = ctx.now();
  // At least the current week, even if the clock stands before the course's first launch.
  const start = Math.min(course.createdAt.getTime(), contributions[0]?.at.getTime() ?? Infinity, now.getTime());
  const weeks = weeksBetween(new Date(start), now);
  const first = weeks[0]!.getTime();

  const counts = new Map<Id, WeekCounts[]>(personIds.map((id) => [id, weeks.map(emptyWeek)]));
  for (const contribution of contributions) {
    const week = counts.get(contribution.authorId)?.[Math.floor((contribution.at.getTime() - first) / WEEK_MS)];
    if (!week) continue; // someone else's, or written after `now` (a clock moved back)
    if (contribution.kind === 'thread') week.threads += 1;
    else if (contribution.kind === 'reply') week.replies += 1;
    else week.endorsedAnswers += 1;
  }
  for (const personId of personIds) await countHotseatQuestions(sources.hotseat, course.id, personId, counts.get(personId)!);
  return counts;
}

/**
 * Hotseat questions, week by week. One count over the whole span first: most learners asked none,
 * and then a week-by-week count is not needed.
 */
async function countHotseatQuestions(hotseat: HotseatQuestionCounter, courseId: Id, personId: Id, weeks: WeekCounts[]): Promise<void> {
  const from = weeks[0]!.weekStart;
  const to = new Date(weeks[weeks.length - 1]!.weekStart.getTime() + WEEK_MS);
  if ((await hotseat.countByAuthorBetween(courseId, personId, from, to)) === 0) return;
  for (const week of weeks) {
    week.hotseatQuestions = await hotseat.countByAuthorBetween(courseId, personId, week.weekStart, new Date(week.weekStart.getTime() + WEEK_MS));
  }
}

/** One learner's participation under the rubric. */
export async function scoreOf(ctx: ParticipationContext, course: Pick<Course, 'id' | 'createdAt'>, rubric: ParticipationRubric, personId: Id): Promise<ParticipationScore> {
  const counts = await countParticipation(ctx, course, [personId]);
  return scoreParticipation(rubric, counts.get(personId)!);
}

export interface LearnerScore {
  person: Person;
  membership: Membership;
  score: ParticipationScore;
}

/** Every current learner of the course with their score, in the order they joined. Staff are not graded. */
export async function courseScores(ctx: ParticipationContext, course: Pick<Course, 'id' | 'createdAt'>, rubric: ParticipationRubric): Promise<LearnerScore[]> {
  const learners = (await ctx.storage.memberships.listByCourse(course.id)).filter((m) => m.role === 'learner');
  const people = new Map((await ctx.storage.people.findByIds(learners.map((m) => m.personId))).map((p) => [p.id, p]));
  const counts = await countParticipation(ctx, course, learners.map((m) => m.personId));
  return learners
    .filter((m) => people.has(m.personId))
    .map((m) => ({ person: people.get(m.personId)!, membership: m, score: scoreParticipation(rubric, counts.get(m.personId)!) }));
}
