import type { PostKind } from '../../domain/discussion';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { announce, findPost, recordInTransaction } from './support';

/** One vote per person per post: voting again takes the vote back. Returns the new state for the voter. */
export async function toggleVote(ctx: CommandContext, actor: Actor, input: { courseId: string; postKind: PostKind; postId: string }): Promise<{ voted: boolean; voteCount: number }> {
  const post = await findPost(ctx, input.courseId, input.postKind, input.postId, actor);
  authorize(actor, 'post.vote', { courseId: input.courseId, authorId: post.authorId, deleted: post.deleted });
  const now = ctx.now();
  const base = { courseId: input.courseId, space: 'discussion' as const, actorId: actor.person.id };
  const { voted, recorded } = await ctx.storage.transaction(async (tx) => {
    const voted = await tx.votes.toggle({ courseId: input.courseId, postKind: input.postKind, postId: input.postId, personId: actor.person.id, at: now });
    const delta = voted ? 1 : -1;
    if (input.postKind === 'thread') {
      await tx.threads.increment(input.courseId, input.postId, { voteCount: delta });
      return { voted, recorded: await recordInTransaction(tx, { ...base, type: 'thread.changed', threadId: input.postId, change: 'voted' }, [], now) };
    }
    await tx.replies.incrementVotes(input.courseId, input.postId, delta);
    return { voted, recorded: await recordInTransaction(tx, { ...base, type: 'reply.changed', threadId: post.thread.id, replyId: input.postId, change: 'voted' }, [], now) };
  });
  announce(ctx, recorded);
  const fresh = input.postKind === 'thread'
    ? await ctx.storage.threads.findById(input.courseId, input.postId)
    : await ctx.storage.replies.findById(input.courseId, input.postId);
  return { voted, voteCount: fresh?.voteCount ?? 0 };
}
