import type { Course } from '../../domain/course';
import type { PostKind, PostRevision, Reply, Thread } from '../../domain/discussion';
import { notFound } from '../../domain/errors';
import type { Notification } from '../../domain/notifications';
import type { Report } from '../../domain/notifications';
import { can, type Actor } from '../../policies/can';
import type { Page, SearchHit, ThreadSort } from '../../storage/ports';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { loadDirectory, type Directory } from './directory';
import { findPost, findThread } from './support';

/** Read operations of the discussion room: domain objects plus what presenters need to show them to this viewer. */
export const THREADS_PER_PAGE = 25;
export const REPLIES_PER_THREAD = 1000;

export type ThreadFilter = 'all' | 'unanswered' | 'unresolved' | 'mine' | 'following';

export interface ThreadListOptions {
  sort: ThreadSort;
  filter: ThreadFilter;
  tagId?: string | null;
  cursor?: string | null;
}

export interface ViewerState {
  voted: Set<string>;
  following: Set<string>;
  lastReads: Map<string, Date>;
}

export async function listThreads(ctx: CommandContext, actor: Actor, course: Course, options: ThreadListOptions): Promise<{ page: Page<Thread>; directory: Directory; state: ViewerState }> {
  authorize(actor, 'course.view', { courseId: course.id });
  const me = actor.person.id;
  const page = await ctx.storage.threads.list(course.id, {
    sort: options.sort,
    limit: THREADS_PER_PAGE,
    cursor: options.cursor ?? null,
    includeHidden: can(actor, 'post.seeHidden', { courseId: course.id }),
    unanswered: options.filter === 'unanswered',
    unresolved: options.filter === 'unresolved',
    authorId: options.filter === 'mine' ? me : undefined,
    followedBy: options.filter === 'following' ? me : undefined,
    tagId: options.tagId ?? undefined,
  });
  const ids = page.items.map((t) => t.id);
  const [directory, voted, following, lastReads] = await Promise.all([
    loadDirectory(ctx, course, page.items),
    ctx.storage.votes.votedBy(me, 'thread', ids),
    ctx.storage.follows.followedBy(me, ids),
    ctx.storage.readState.lastReads(me, ids),
  ]);
  return { page, directory, state: { voted, following, lastReads } };
}

export async function readThread(ctx: CommandContext, actor: Actor, course: Course, threadId: string) {
  authorize(actor, 'course.view', { courseId: course.id });
  const thread = await findThread(ctx, course.id, threadId, actor);
  const seeHidden = can(actor, 'post.seeHidden', { courseId: course.id });
  const replies = (await ctx.storage.replies.listByThread(course.id, thread.id, { limit: REPLIES_PER_THREAD }))
    .filter((reply) => seeHidden || !reply.hidden);
  const me = actor.person.id;
  const [directory, votedThread, votedReplies, following, settings, acceptedPolicy] = await Promise.all([
    loadDirectory(ctx, course, [thread, ...replies]),
    ctx.storage.votes.votedBy(me, 'thread', [thread.id]),
    ctx.storage.votes.votedBy(me, 'reply', replies.map((r) => r.id)),
    ctx.storage.follows.followedBy(me, [thread.id]),
    ctx.storage.settings.get(course.id, ctx.now()),
    ctx.storage.settings.acceptedPolicyVersion(course.id, me),
  ]);
  await ctx.storage.readState.markRead({ personId: me, threadId: thread.id, courseId: course.id, at: ctx.now() });
  return {
    thread, replies, directory, settings,
    mustAcceptPolicy: actor.membership.role !== 'staff' && settings.postingPolicy !== null && (acceptedPolicy ?? -1) < settings.policyVersion,
    state: { voted: new Set([...votedThread, ...votedReplies]), following, lastReads: new Map<string, Date>() } satisfies ViewerState,
  };
}

export async function postHistory(ctx: CommandContext, actor: Actor, course: Course, postKind: PostKind, postId: string): Promise<{ thread: Thread; revisions: PostRevision[]; current: Thread | Reply; directory: Directory }> {
  authorize(actor, 'post.history', { courseId: course.id });
  const post = await findPost(ctx, course.id, postKind, postId, actor);
  const revisions = await ctx.storage.revisions.listForPost(course.id, postKind, postId);
  const current = post.reply ?? post.thread;
  return { thread: post.thread, revisions, current, directory: await loadDirectory(ctx, course, [current]) };
}

export interface SearchResult {
  hit: SearchHit;
  thread: Thread;
  post: Thread | Reply;
}

/** Ranked matches the viewer may see: hidden and deleted posts never come back to learners. */
export async function searchPosts(ctx: CommandContext, actor: Actor, course: Course, query: string): Promise<{ results: SearchResult[]; directory: Directory }> {
  authorize(actor, 'course.view', { courseId: course.id });
  const seeHidden = can(actor, 'post.seeHidden', { courseId: course.id });
  const hits = await ctx.storage.search.search(course.id, query, 50);
  const results: SearchResult[] = [];
  for (const hit of hits) {
    const thread = await ctx.storage.threads.findById(course.id, hit.threadId);
    if (!thread || thread.deletedAt || (thread.hidden && !seeHidden)) continue;
    const post = hit.postKind === 'thread' ? thread : await ctx.storage.replies.findById(course.id, hit.postId);
    if (!post || post.deletedAt || (post.hidden && !seeHidden)) continue;
    results.push({ hit, thread, post });
    if (results.length === 25) break;
  }
  return { results, directory: await loadDirectory(ctx, course, results.map((r) => r.post)) };
}

export interface QueueEntry {
  postKind: PostKind;
  thread: Thread;
  post: Thread | Reply;
  reports: Report[];
}

/** Staff's moderation queue: every post with open reports, oldest report first, with who reported what. */
export async function moderationQueue(ctx: CommandContext, actor: Actor, course: Course): Promise<{ entries: QueueEntry[]; directory: Directory }> {
  authorize(actor, 'moderation.view', { courseId: course.id });
  const reports = await ctx.storage.reports.listOpen(course.id);
  const byPost = new Map<string, Report[]>();
  for (const report of reports) {
    const key = `${report.postKind}:${report.postId}`;
    byPost.set(key, [...(byPost.get(key) ?? []), report]);
  }
  const entries: QueueEntry[] = [];
  for (const [key, postReports] of byPost) {
    const [postKind, postId] = key.split(':') as [PostKind, string];
    const thread = await ctx.storage.threads.findById(course.id, postReports[0]!.threadId);
    const post = postKind === 'thread' ? thread : await ctx.storage.replies.findById(course.id, postId);
    if (thread && post) entries.push({ postKind, thread, post, reports: postReports });
  }
  const directory = await loadDirectory(ctx, course, entries.map((e) => e.post), reports.map((r) => r.reporterId));
  return { entries, directory };
}

export interface NotificationItem {
  notification: Notification;
  thread: Thread | null;
  reply: Reply | null;
  /** For a hotseat notification: the hotseat's title (null if it is gone). */
  hotseatTitle?: string | null;
}

export async function listNotifications(ctx: CommandContext, actor: Actor, course: Course): Promise<{ items: NotificationItem[]; unread: number; directory: Directory }> {
  authorize(actor, 'course.view', { courseId: course.id });
  const seeHidden = can(actor, 'post.seeHidden', { courseId: course.id });
  const [notifications, unread] = await Promise.all([
    ctx.storage.notifications.listForPerson(actor.person.id, course.id, 50),
    ctx.storage.notifications.countUnread(actor.person.id, course.id),
  ]);
  const items: NotificationItem[] = [];
  for (const n of notifications) {
    if (n.kind === 'hotseat-answer') {
      const hotseat = await ctx.storage.hotseats.findById(course.id, n.threadId);
      items.push({ notification: n, thread: null, reply: null, hotseatTitle: hotseat?.title ?? null });
      continue;
    }
    const thread = await ctx.storage.threads.findById(course.id, n.threadId);
    const reply = n.replyId ? await ctx.storage.replies.findById(course.id, n.replyId) : null;
    // Something since hidden is not shown to learners, not even as a notification.
    if (!seeHidden && (thread?.hidden || reply?.hidden)) continue;
    items.push({ notification: n, thread, reply });
  }
  const actorPosts = items.map((item) => ({ authorId: item.notification.actorId }));
  return { items, unread, directory: await loadDirectory(ctx, course, actorPosts) };
}

export async function markNotificationsRead(ctx: CommandContext, actor: Actor, course: Course, ids?: string[]): Promise<number> {
  authorize(actor, 'course.view', { courseId: course.id });
  return ctx.storage.notifications.markRead(actor.person.id, course.id, ctx.now(), ids);
}

/** A thread, and one of its replies when given, for a live update. Null when it no longer exists. */
export async function loadForEvent(ctx: CommandContext, courseId: string, threadId: string, replyId?: string) {
  const [thread, reply] = await Promise.all([
    ctx.storage.threads.findById(courseId, threadId),
    replyId ? ctx.storage.replies.findById(courseId, replyId) : Promise.resolve(null),
  ]);
  if (!thread || (replyId && !reply)) return null;
  const directory = await loadDirectory(ctx, { id: courseId }, reply ? [thread, reply] : [thread]);
  return { thread, reply, directory };
}

export function requireThread(thread: Thread | null): Thread {
  if (!thread) throw notFound('THREAD_NOT_FOUND', 'errors.threadNotFound');
  return thread;
}

/** The post its author is about to edit, with the course's tags; refuses anyone else. */
export async function postForEdit(ctx: CommandContext, actor: Actor, course: Course, postKind: PostKind, postId: string) {
  const post = await findPost(ctx, course.id, postKind, postId, actor);
  authorize(actor, 'post.edit', { courseId: course.id, authorId: post.authorId, deleted: post.deleted });
  return { thread: post.thread, post: post.reply ?? post.thread, tags: await ctx.storage.tags.listByCourse(course.id) };
}
