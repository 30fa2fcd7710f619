import type { PostKind } from '../../domain/discussion';
import { LIMITS } from '../../domain/discussion';
import { badRequest } from '../../domain/errors';
import type { ThreadChange } from '../../domain/events';
import { newId } from '../../domain/ids';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { plainText, renderMarkdown } from '../markdown';
import { announce, findPost, findThread, recordInTransaction, searchDocument } from './support';

/** Staff pin, lock or hide a thread. Hiding takes it away from learners at once, and settles its reports. */
export async function moderateThread(
  ctx: CommandContext,
  actor: Actor,
  input: { courseId: string; threadId: string; pinned?: boolean; locked?: boolean; hidden?: boolean },
): Promise<void> {
  const thread = await findThread(ctx, input.courseId, input.threadId, actor);
  const changes: ThreadChange[] = [];
  if (input.pinned !== undefined && input.pinned !== thread.pinned) {
    authorize(actor, 'thread.pin', input);
    changes.push(input.pinned ? 'pinned' : 'unpinned');
  }
  if (input.locked !== undefined && input.locked !== thread.locked) {
    authorize(actor, 'thread.lock', input);
    changes.push(input.locked ? 'locked' : 'unlocked');
  }
  if (input.hidden !== undefined && input.hidden !== thread.hidden) {
    authorize(actor, 'post.hide', input);
    changes.push(input.hidden ? 'hidden' : 'shown');
  }
  if (changes.length === 0) return;
  const now = ctx.now();
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.threads.update(input.courseId, thread.id, { pinned: input.pinned, locked: input.locked, hidden: input.hidden });
    if (input.hidden) await tx.reports.resolveForPost(input.courseId, 'thread', thread.id, actor.person.id, now);
    const results = [];
    for (const change of changes) {
      results.push(await recordInTransaction(tx, { courseId: input.courseId, space: 'discussion', actorId: actor.person.id, type: 'thread.changed', threadId: thread.id, change }, [], now));
    }
    return results;
  });
  for (const result of recorded) announce(ctx, result);
}

/** Staff hide or show a reply. */
export async function setReplyHidden(ctx: CommandContext, actor: Actor, input: { courseId: string; replyId: string; hidden: boolean }): Promise<void> {
  authorize(actor, 'post.hide', input);
  const post = await findPost(ctx, input.courseId, 'reply', input.replyId, actor);
  const reply = post.reply!;
  if (reply.hidden === input.hidden) return;
  const now = ctx.now();
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.replies.update(input.courseId, reply.id, { hidden: input.hidden });
    if (input.hidden) {
      await tx.reports.resolveForPost(input.courseId, 'reply', reply.id, actor.person.id, now);
      await tx.search.remove('reply', reply.id);
    } else if (!reply.deletedAt) {
      await tx.search.index(searchDocument(post.thread, { kind: 'reply', id: reply.id, bodyHtml: reply.bodyHtml }));
    }
    return recordInTransaction(tx, { courseId: input.courseId, space: 'discussion', actorId: actor.person.id, type: 'reply.changed', threadId: post.thread.id, replyId: reply.id, change: input.hidden ? 'hidden' : 'shown' }, [], now);
  });
  announce(ctx, recorded);
}

/** Anyone may report someone else's post with a reason; staff see it in their queue. */
export async function reportPost(ctx: CommandContext, actor: Actor, input: { courseId: string; postKind: PostKind; postId: string; reason: string }): Promise<void> {
  const post = await findPost(ctx, input.courseId, input.postKind, input.postId, actor);
  authorize(actor, 'post.report', { courseId: input.courseId, authorId: post.authorId, deleted: post.deleted });
  const reason = input.reason.trim();
  if (!reason) throw badRequest('REASON_REQUIRED', 'errors.reportReasonRequired');
  if (reason.length > LIMITS.reportReasonMax) throw badRequest('REASON_TOO_LONG', 'errors.reasonTooLong', { max: LIMITS.reportReasonMax });
  const now = ctx.now();
  await ctx.storage.reports.create({
    id: newId(now.getTime()), courseId: input.courseId, postKind: input.postKind, postId: input.postId, threadId: post.thread.id,
    reporterId: actor.person.id, reason, createdAt: now, resolvedAt: null, resolvedBy: null,
  });
}

/** Staff dismiss the reports on a post without hiding it. */
export async function dismissReports(ctx: CommandContext, actor: Actor, input: { courseId: string; postKind: PostKind; postId: string }): Promise<number> {
  authorize(actor, 'moderation.view', input);
  return ctx.storage.reports.resolveForPost(input.courseId, input.postKind, input.postId, actor.person.id, ctx.now());
}

/** A preview of the policy as learners will see it. */
export function renderPolicy(source: string): { html: string; text: string } {
  const html = renderMarkdown(source);
  return { html, text: plainText(html) };
}
