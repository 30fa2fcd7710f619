import type { PostKind } from '../../domain/discussion';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { announce, findPost, recordInTransaction } from './support';

/**
 * Authors (and staff) delete posts. The post stays as a "deleted" placeholder so the conversation
 * around it still reads; its text leaves search, and it no longer counts as a reply or an answer.
 */
export async function deletePost(ctx: CommandContext, actor: Actor, input: { courseId: string; postKind: PostKind; postId: string }): Promise<void> {
  const post = await findPost(ctx, input.courseId, input.postKind, input.postId, actor);
  authorize(actor, 'post.delete', { courseId: input.courseId, authorId: post.authorId, deleted: post.deleted });
  const now = ctx.now();
  const base = { courseId: input.courseId, space: 'discussion' as const, actorId: actor.person.id };
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.search.remove(input.postKind, input.postId);
    if (input.postKind === 'thread') {
      await tx.threads.update(input.courseId, input.postId, { deletedAt: now, pinned: false });
      return recordInTransaction(tx, { ...base, type: 'thread.changed', threadId: input.postId, change: 'deleted' }, [], now);
    }
    const reply = post.reply!;
    await tx.replies.update(input.courseId, reply.id, { deletedAt: now, endorsedBy: null, endorsedAt: null });
    await tx.threads.increment(input.courseId, post.thread.id, {
      replyCount: -1,
      answerCount: reply.parentId === null ? -1 : 0,
      endorsedAnswerCount: reply.endorsedBy ? -1 : 0,
    });
    if (post.thread.acceptedReplyId === reply.id) await tx.threads.update(input.courseId, post.thread.id, { acceptedReplyId: null });
    return recordInTransaction(tx, { ...base, type: 'reply.changed', threadId: post.thread.id, replyId: reply.id, change: 'deleted' }, [], now);
  });
  announce(ctx, recorded);
}
