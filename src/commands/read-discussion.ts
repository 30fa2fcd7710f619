import type { Course } from '../domain/course';
import type { Reply, Thread } from '../domain/discussion';
import { notFound } from '../domain/errors';
import type { Person } from '../domain/person';
import type { Actor } from '../policies/can';
import type { Page } from '../storage/ports';
import { authorize } from './authorize';
import type { CommandContext } from './context';

/** Read operations of the discussion room; they return domain objects plus the authors presenters need. */
export const THREADS_PER_PAGE = 25;
export const REPLIES_PER_PAGE = 200;

export type People = Map<string, Person>;

async function peopleById(ctx: CommandContext, ids: string[]): Promise<People> {
  const people = await ctx.storage.people.findByIds(ids);
  return new Map(people.map((person) => [person.id, person]));
}

export async function listThreads(
  ctx: CommandContext,
  actor: Actor,
  course: Course,
  options: { before?: string | null } = {},
): Promise<{ page: Page<Thread>; people: People }> {
  authorize(actor, 'course.view', { courseId: course.id });
  const page = await ctx.storage.threads.listByActivity(course.id, { limit: THREADS_PER_PAGE, before: options.before ?? null });
  return { page, people: await peopleById(ctx, page.items.map((t) => t.authorId)) };
}

export async function readThread(
  ctx: CommandContext,
  actor: Actor,
  course: Course,
  threadId: string,
): Promise<{ thread: Thread; replies: Reply[]; people: People }> {
  authorize(actor, 'course.view', { courseId: course.id });
  const thread = await ctx.storage.threads.findById(course.id, threadId);
  if (!thread) throw notFound('THREAD_NOT_FOUND', 'That thread does not exist in this course (it may have been removed).');
  const replies = await ctx.storage.replies.listByThread(course.id, thread.id, { limit: REPLIES_PER_PAGE });
  return { thread, replies, people: await peopleById(ctx, [thread.authorId, ...replies.map((r) => r.authorId)]) };
}

/** A thread, and one of its replies when given, with their authors: what a live update shows. */
export async function loadForEvent(ctx: CommandContext, courseId: string, threadId: string, replyId?: string) {
  const [thread, reply] = await Promise.all([
    ctx.storage.threads.findById(courseId, threadId),
    replyId ? ctx.storage.replies.findById(courseId, replyId) : Promise.resolve(null),
  ]);
  if (!thread || (replyId && !reply)) return null;
  const people = await peopleById(ctx, [thread.authorId, ...(reply ? [reply.authorId] : [])]);
  return { thread, reply, people };
}
