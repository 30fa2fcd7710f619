import { CARE_LIMITS, countedAnonymity, type CareSettings, type QuestionRouting, type UnansweredQuestion } from '../../domain/care';
import type { Community } from '../../domain/alumni';
import type { Course } from '../../domain/course';
import { isResolved, type Thread } from '../../domain/discussion';
import { badRequest } from '../../domain/errors';
import type { StoredCourseEvent } from '../../domain/events';
import { isActiveMember } from '../../domain/membership';
import type { Notification } from '../../domain/notifications';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { loadDirectory, type Directory } from '../discussion/directory';
import { findThread, notification } from '../discussion/support';
import { endorsedAlumni, linkedCommunity, routableAlumnus, routeToAlumnus } from './alumni-routing';

/**
 * Unanswered questions get answers: staff see the questions still waiting (domain/care.ts says what
 * counts as waiting), oldest first, those past the course's target standing out; and they route a
 * question to people likely to know, who are notified once.
 */
export const QUEUE_LENGTH = 100;

export interface UnansweredQueue {
  questions: UnansweredQuestion[];
  counts: { total: number; overdue: number };
  settings: CareSettings;
  routings: QuestionRouting[];
  directory: Directory;
  now: Date;
}

export async function loadUnansweredQueue(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>): Promise<UnansweredQueue> {
  authorize(actor, 'questions.triage', { courseId: course.id });
  const now = ctx.now();
  const settings = await ctx.storage.careSettings.get(course.id, now);
  const overdueBefore = new Date(now.getTime() - settings.answerTargetHours * 3_600_000);
  const [questions, counts] = await Promise.all([
    ctx.storage.unanswered.list(course.id, QUEUE_LENGTH),
    ctx.storage.unanswered.count(course.id, overdueBefore),
  ]);
  const routings = await ctx.storage.questionRoutings.listForThreads(course.id, questions.map((q) => q.id));
  const directory = await loadDirectory(ctx, course, questions, routings.map((r) => r.personId));
  return { questions, counts, settings, routings, directory, now };
}

/**
 * Staff know who asked unless the question is anonymous to everyone. Leaving the asker out of the
 * suggestions would then give them away (the one expert missing from the list), so for such a
 * question the asker is treated like anyone else, except that they are never notified about it.
 */
const askerKnownToStaff = (thread: Pick<Thread, 'anonymity'>) => thread.anonymity !== 'everyone';

export interface HelperSuggestion {
  personId: string;
  /** Endorsed answers under the question's tags (or in the whole course for an untagged question). */
  answers: number;
  byTag: Array<{ tagId: string; answers: number }>;
  alreadyAsked: boolean;
  /** An alumnus of the course's community (not in the course): their cohorts. See alumni-routing.ts. */
  alumnus?: { cohorts: string[] };
}

export interface RoutingChoice {
  thread: Thread;
  suggestions: HelperSuggestion[];
  /** True when the question has no tags, so suggestions span every topic of the course. */
  acrossAllTopics: boolean;
  routings: QuestionRouting[];
  directory: Directory;
  /** The alumni community the course belongs to, and the question's thread there once routed to alumni. */
  community: Pick<Community, 'id' | 'name' | 'spaceCourseId'> | null;
  alumniThreadId: string | null;
}

async function waitingQuestion(ctx: CommandContext, actor: Actor, courseId: string, threadId: string): Promise<Thread> {
  const thread = await findThread(ctx, courseId, threadId, actor);
  if (thread.kind !== 'question') throw badRequest('NOT_A_QUESTION', 'errors.routeNotAQuestion');
  if (thread.deletedAt || thread.hidden) throw badRequest('QUESTION_GONE', 'errors.questionGone');
  if (isResolved(thread)) throw badRequest('ALREADY_RESOLVED', 'errors.alreadyResolved');
  return thread;
}

/**
 * People likely to know: current learners with staff-endorsed answers under the question's tags,
 * the most such answers first, then alumni of the course's community with endorsed answers under
 * tags of the same names (alumni-routing.ts). Only answers staff may tie to a name count (named, or
 * anonymous to classmates); an answer anonymous to everyone never makes its author a suggestion.
 */
export async function suggestHelpers(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>, threadId: string): Promise<RoutingChoice> {
  authorize(actor, 'questions.triage', { courseId: course.id });
  const thread = await waitingQuestion(ctx, actor, course.id, threadId);
  const [learners, members, community] = await Promise.all([
    endorsedAnswerersInCourse(ctx, course.id, thread),
    ctx.storage.memberships.listByCourse(course.id),
    linkedCommunity(ctx, course.id),
  ]);
  // Everyone in the course is the course's to suggest (or not): alumni suggestions are people outside it.
  const inCourse = new Set([...members.map((m) => m.personId), ...(askerKnownToStaff(thread) ? [thread.authorId] : [])]);
  const alumni = community ? await endorsedAlumni(ctx, course, community, thread, inCourse) : [];
  const suggestions: HelperSuggestion[] = [
    ...learners,
    ...alumni.map((a) => ({ personId: a.personId, answers: a.answers, byTag: a.byTag, alreadyAsked: false, alumnus: { cohorts: a.cohorts } })),
  ];
  const [routings, alumniThread] = await Promise.all([
    ctx.storage.questionRoutings.listForThreads(course.id, [thread.id]),
    community ? ctx.storage.alumniRoutedQuestions.find(course.id, thread.id) : Promise.resolve(null),
  ]);
  const asked = new Set(routings.map((r) => r.personId));
  for (const suggestion of suggestions) suggestion.alreadyAsked = asked.has(suggestion.personId);
  const directory = await loadDirectory(ctx, course, [thread], [...suggestions.map((s) => s.personId), ...asked]);
  return {
    thread, suggestions, acrossAllTopics: thread.tagIds.length === 0, routings, directory,
    community: community ? { id: community.id, name: community.name, spaceCourseId: community.spaceCourseId } : null,
    alumniThreadId: alumniThread?.spaceThreadId ?? null,
  };
}

/** Source: this course's current learners with endorsed answers on the question's topics. */
async function endorsedAnswerersInCourse(ctx: CommandContext, courseId: string, thread: Thread): Promise<HelperSuggestion[]> {
  const filter = { anonymity: countedAnonymity('staff'), ...(thread.tagIds.length > 0 ? { tagIds: thread.tagIds } : {}) };
  const [totals, perTag, members] = await Promise.all([
    ctx.storage.expertise.countByAuthor(courseId, filter),
    thread.tagIds.length > 0 ? ctx.storage.expertise.countByTag(courseId, filter) : Promise.resolve([]),
    ctx.storage.memberships.listByCourse(courseId),
  ]);
  const learners = new Set(members.filter((m) => m.role === 'learner').map((m) => m.personId));
  return totals
    .filter((t) => learners.has(t.personId) && !(askerKnownToStaff(thread) && t.personId === thread.authorId))
    .map((t) => ({
      personId: t.personId,
      answers: t.answers,
      byTag: perTag.filter((c) => c.personId === t.personId && c.tagId !== null).map((c) => ({ tagId: c.tagId!, answers: c.answers })),
      alreadyAsked: false,
    }));
}

/**
 * Routes the question to the chosen people: each is recorded once (asking someone again changes
 * nothing) and notified. Each must be a current learner of the course, or an alumnus of its
 * community (notified in the community's space, where the question is posted for them:
 * alumni-routing.ts). Returns who was asked now and who had been asked before.
 */
export async function routeQuestion(
  ctx: CommandContext,
  actor: Actor,
  input: { courseId: string; threadId: string; personIds: string[] },
): Promise<{ routed: string[]; alreadyAsked: string[] }> {
  authorize(actor, 'questions.triage', input);
  const thread = await waitingQuestion(ctx, actor, input.courseId, input.threadId);
  const personIds = [...new Set(input.personIds)];
  if (personIds.length === 0) throw badRequest('NOBODY_CHOSEN', 'errors.nobodyChosen');
  if (personIds.length > CARE_LIMITS.routeAtOnce) throw badRequest('TOO_MANY_PEOPLE', 'errors.tooManyPeople', { max: CARE_LIMITS.routeAtOnce });
  const community = await linkedCommunity(ctx, input.courseId);
  const alumni = new Set<string>();
  for (const personId of personIds) {
    const membership = await ctx.storage.memberships.find(input.courseId, personId);
    const learner = membership !== null && isActiveMember(membership) && membership.role === 'learner';
    // Someone in the course in another role (staff, or removed) is never routed as an alumnus.
    if (!learner && (membership !== null || !community || !(await routableAlumnus(ctx, community, personId)))) {
      throw badRequest('NOT_A_LEARNER', 'errors.notALearner');
    }
    if (!learner) alumni.add(personId);
    if (askerKnownToStaff(thread) && personId === thread.authorId) {
      throw badRequest('ASKER_CHOSEN', 'errors.askerChosen');
    }
  }
  const course = alumni.size > 0 ? await ctx.storage.courses.findById(input.courseId) : null;
  const now = ctx.now();
  const who = { courseId: input.courseId, threadId: thread.id, actorId: actor.person.id };
  const { routed, notices, events } = await ctx.storage.transaction(async (tx) => {
    const routed: string[] = [];
    const notices: Notification[] = [];
    const events: StoredCourseEvent[] = [];
    for (const personId of personIds) {
      if (!(await tx.questionRoutings.add({ courseId: input.courseId, threadId: thread.id, personId, routedBy: actor.person.id, routedAt: now }))) continue;
      routed.push(personId);
      if (personId === thread.authorId || personId === actor.person.id) continue;
      if (alumni.has(personId) && community && course) {
        const { notice, event } = await routeToAlumnus(tx, { course, community, thread, actor, personId, now });
        notices.push(notice);
        if (event) events.push(event);
        continue;
      }
      const notice = notification('routed', personId, who, now);
      await tx.notifications.create(notice);
      notices.push(notice);
    }
    return { routed, notices, events };
  });
  for (const event of events) ctx.events.publish(event);
  ctx.events.publishNotifications(notices);
  return { routed, alreadyAsked: personIds.filter((id) => !routed.includes(id)) };
}
