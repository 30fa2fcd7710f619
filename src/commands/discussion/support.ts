import type { Course } from '../../domain/course';
import type { Anonymity, PostKind, Reply, Thread } from '../../domain/discussion';
import { anonymityAllowed, LIMITS } from '../../domain/discussion';
import { AppError, badRequest, notFound } from '../../domain/errors';
import type { CourseEvent, StoredCourseEvent } from '../../domain/events';
import { newId } from '../../domain/ids';
import type { Notification, NotificationKind } from '../../domain/notifications';
import { displayName, memberHandles } from '../../domain/person';
import type { Actor } from '../../policies/can';
import type { Repositories } from '../../storage/ports';
import type { CommandContext } from '../context';
import { mentionedHandles, plainText } from '../markdown';
import { pseudonymCandidates } from './pseudonyms';

/** Shared steps of the discussion commands. */

export async function findThread(ctx: CommandContext, courseId: string, threadId: string, actor: Actor): Promise<Thread> {
  const thread = await ctx.storage.threads.findById(courseId, threadId);
  // A hidden thread does not exist for learners: the same answer as a wrong id, nothing to probe.
  if (!thread || (thread.hidden && actor.membership.role !== 'staff')) {
    throw notFound('THREAD_NOT_FOUND', 'errors.threadNotFound');
  }
  return thread;
}

export async function findReply(ctx: CommandContext, courseId: string, replyId: string, actor: Actor): Promise<{ reply: Reply; thread: Thread }> {
  const reply = await ctx.storage.replies.findById(courseId, replyId);
  if (!reply || (reply.hidden && actor.membership.role !== 'staff')) {
    throw notFound('REPLY_NOT_FOUND', 'errors.replyNotFound');
  }
  return { reply, thread: await findThread(ctx, courseId, reply.threadId, actor) };
}

export async function findPost(ctx: CommandContext, courseId: string, postKind: PostKind, postId: string, actor: Actor) {
  if (postKind === 'thread') {
    const thread = await findThread(ctx, courseId, postId, actor);
    return { thread, reply: null, authorId: thread.authorId, deleted: thread.deletedAt !== null };
  }
  const { reply, thread } = await findReply(ctx, courseId, postId, actor);
  return { thread, reply, authorId: reply.authorId, deleted: reply.deletedAt !== null };
}

/** At most LIMITS.postsPerMinute threads and replies per person per course, across every process. */
export async function enforceRateLimit(ctx: CommandContext, actor: Actor, courseId: string): Promise<void> {
  const now = ctx.now();
  const since = new Date(now.getTime() - 60_000);
  const [threads, replies] = await Promise.all([
    ctx.storage.threads.countByAuthorSince(courseId, actor.person.id, since),
    ctx.storage.replies.countByAuthorSince(courseId, actor.person.id, since),
  ]);
  if (threads + replies >= LIMITS.postsPerMinute) {
    throw new AppError('RATE_LIMITED', 429, 'errors.postingTooFast', { limit: LIMITS.postsPerMinute });
  }
}

/** Learners accept the course's posting policy (its current version) once before their first post. */
export async function ensurePolicyAccepted(ctx: CommandContext, actor: Actor, courseId: string, acceptingNow: boolean): Promise<void> {
  if (actor.membership.role === 'staff') return;
  const settings = await ctx.storage.settings.get(courseId, ctx.now());
  if (!settings.postingPolicy) return;
  const accepted = await ctx.storage.settings.acceptedPolicyVersion(courseId, actor.person.id);
  if (accepted !== null && accepted >= settings.policyVersion) return;
  if (!acceptingNow) {
    throw new AppError('POLICY_NOT_ACCEPTED', 400, 'errors.policyNotAccepted');
  }
  await ctx.storage.settings.acceptPolicy({ courseId, personId: actor.person.id, version: settings.policyVersion, at: ctx.now() });
}

export async function checkAnonymity(ctx: CommandContext, courseId: string, chosen: Anonymity): Promise<void> {
  if (chosen === 'named') return;
  const settings = await ctx.storage.settings.get(courseId, ctx.now());
  if (!anonymityAllowed(chosen, settings.anonymity)) {
    throw badRequest('ANONYMITY_NOT_ALLOWED', settings.anonymity === 'named' ? 'errors.anonymityNotAllowed' : 'errors.anonymityPeersOnly');
  }
}

/** Makes sure an anonymous author has their pseudonym before their post is shown to anyone. */
export async function ensurePseudonym(ctx: CommandContext, courseId: string, personId: string, anonymity: Anonymity): Promise<void> {
  if (anonymity !== 'named') await ctx.storage.pseudonyms.getOrAssign(courseId, personId, pseudonymCandidates(courseId, personId));
}

/**
 * The course's @-handles, to display names, for rendering; and to person ids, for notifying.
 * With `forText`, a text that mentions nobody costs nothing: members are loaded only when needed.
 */
export async function courseMentions(ctx: CommandContext, course: Pick<Course, 'id'>, forText?: string) {
  if (forText !== undefined && mentionedHandles(forText).length === 0) return { names: new Map<string, string>(), personIds: new Map<string, string>() };
  const memberships = await ctx.storage.memberships.listByCourse(course.id);
  const people = await ctx.storage.people.findByIds(memberships.map((m) => m.personId));
  const byId = new Map(people.map((p) => [p.id, p]));
  const ordered = memberships.map((m) => byId.get(m.personId)).filter((p): p is NonNullable<typeof p> => p !== undefined);
  const handles = memberHandles(ordered);
  const names = new Map<string, string>();
  for (const [handle, personId] of handles) names.set(handle, displayName(byId.get(personId)!));
  return { names, personIds: handles };
}

export function searchDocument(thread: Pick<Thread, 'courseId' | 'id' | 'title'>, post: { kind: PostKind; id: string; bodyHtml: string }) {
  return { courseId: thread.courseId, postKind: post.kind, postId: post.id, threadId: thread.id, title: post.kind === 'thread' ? thread.title : '', body: plainText(post.bodyHtml) };
}

export function notification(kind: NotificationKind, personId: string, event: { courseId: string; threadId: string; replyId?: string | null; actorId: string }, now: Date): Notification {
  return { id: newId(now.getTime()), personId, courseId: event.courseId, kind, threadId: event.threadId, replyId: event.replyId ?? null, actorId: event.actorId, createdAt: now, readAt: null };
}

/** Appends the event and stores the notifications (one per person at most, never to the actor) in the caller's transaction. */
export async function recordInTransaction(tx: Repositories, event: CourseEvent, notifications: Notification[], now: Date): Promise<{ event: StoredCourseEvent; notifications: Notification[] }> {
  const stored = await tx.events.append(event, now);
  const seen = new Set<string>([event.actorId]);
  const kept: Notification[] = [];
  for (const n of notifications) {
    if (seen.has(n.personId)) continue;
    seen.add(n.personId);
    await tx.notifications.create(n);
    kept.push(n);
  }
  return { event: stored, notifications: kept };
}

/** After commit: tell the live side. */
export function announce(ctx: CommandContext, recorded: { event: StoredCourseEvent; notifications: Notification[] }): void {
  ctx.events.publish(recorded.event);
  ctx.events.publishNotifications(recorded.notifications);
}
