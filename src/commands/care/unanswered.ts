import { CARE_LIMITS, countedAnonymity, type CareSettings, type QuestionRouting, type UnansweredQuestion } from '../../domain/care';
import type { Course } from '../../domain/course';
import { isResolved, type Thread } from '../../domain/discussion';
import { badRequest } from '../../domain/errors';
import { isActiveMember } from '../../domain/membership';
import type { Notification } from '../../domain/notifications';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { loadDirectory, type Directory } from '../discussion/directory';
import { findThread, notification } from '../discussion/support';

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
}

export interface RoutingChoice {
  thread: Thread;
  suggestions: HelperSuggestion[];
  /** True when the question has no tags, so suggestions span every topic of the course. */
  acrossAllTopics: boolean;
  routings: QuestionRouting[];
  directory: Directory;
}

async function waitingQuestion(ctx: CommandContext, actor: Actor, courseId: string, threadId: string): Promise<Thread> {
  const thread = await findThread(ctx, courseId, threadId, actor);
  if (thread.kind !== 'question') throw badRequest('NOT_A_QUESTION', 'Only questions can be routed; this thread is a discussion or an announcement.');
  if (thread.deletedAt || thread.hidden) throw badRequest('QUESTION_GONE', 'This question was deleted or hidden, so it is no longer waiting for an answer.');
  if (isResolved(thread)) throw badRequest('ALREADY_RESOLVED', 'This question already has an accepted or endorsed answer.');
  return thread;
}

/**
 * People likely to know: current learners with staff-endorsed answers under the question's tags,
 * the most such answers first. Only answers staff may tie to a name count (named, or anonymous to
 * classmates); an answer anonymous to everyone never makes its author a suggestion.
 * Sources, one function each, so others can be added (alumni of earlier cohorts: see the report).
 */
export async function suggestHelpers(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>, threadId: string): Promise<RoutingChoice> {
  authorize(actor, 'questions.triage', { courseId: course.id });
  const thread = await waitingQuestion(ctx, actor, course.id, threadId);
  const suggestions = await endorsedAnswerersInCourse(ctx, course.id, thread);
  const routings = await ctx.storage.questionRoutings.listForThreads(course.id, [thread.id]);
  const asked = new Set(routings.map((r) => r.personId));
  for (const suggestion of suggestions) suggestion.alreadyAsked = asked.has(suggestion.personId);
  const directory = await loadDirectory(ctx, course, [thread], [...suggestions.map((s) => s.personId), ...asked]);
  return { thread, suggestions, acrossAllTopics: thread.tagIds.length === 0, routings, directory };
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
 * nothing) and notified. Returns who was asked now and who had been asked before.
 */
export async function routeQuestion(
  ctx: CommandContext,
  actor: Actor,
  input: { courseId: string; threadId: string; personIds: string[] },
): Promise<{ routed: string[]; alreadyAsked: string[] }> {
  authorize(actor, 'questions.triage', input);
  const thread = await waitingQuestion(ctx, actor, input.courseId, input.threadId);
  const personIds = [...new Set(input.personIds)];
  if (personIds.length === 0) throw badRequest('NOBODY_CHOSEN', 'Choose at least one person to ask.');
  if (personIds.length > CARE_LIMITS.routeAtOnce) throw badRequest('TOO_MANY_PEOPLE', `Ask at most ${CARE_LIMITS.routeAtOnce} people at once.`);
  for (const personId of personIds) {
    const membership = await ctx.storage.memberships.find(input.courseId, personId);
    if (!membership || !isActiveMember(membership) || membership.role !== 'learner') {
      throw badRequest('NOT_A_LEARNER', 'Questions can be routed only to current learners of this course. Reload the page and choose again.');
    }
    if (askerKnownToStaff(thread) && personId === thread.authorId) {
      throw badRequest('ASKER_CHOSEN', 'The person who asked cannot be asked to answer their own question.');
    }
  }
  const now = ctx.now();
  const who = { courseId: input.courseId, threadId: thread.id, actorId: actor.person.id };
  const { routed, notices } = await ctx.storage.transaction(async (tx) => {
    const routed: string[] = [];
    const notices: Notification[] = [];
    for (const personId of personIds) {
      if (!(await tx.questionRoutings.add({ courseId: input.courseId, threadId: thread.id, personId, routedBy: actor.person.id, routedAt: now }))) continue;
      routed.push(personId);
      if (personId === thread.authorId || personId === actor.person.id) continue;
      const notice = notification('routed', personId, who, now);
      await tx.notifications.create(notice);
      notices.push(notice);
    }
    return { routed, notices };
  });
  ctx.events.publishNotifications(notices);
  return { routed, alreadyAsked: personIds.filter((id) => !routed.includes(id)) };
}
