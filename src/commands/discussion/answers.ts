import { badRequest } from '../../domain/errors';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { announce, findReply, findThread, notification, recordInTransaction } from './support';

/** Staff endorse a reply (an answer, in a question): it stands out, the question counts as resolved, and its author hears of it. */
export async function setEndorsement(ctx: CommandContext, actor: Actor, input: { courseId: string; replyId: string; endorsed: boolean }): Promise<void> {
  const { reply, thread } = await findReply(ctx, input.courseId, input.replyId, actor);
  authorize(actor, 'post.endorse', { courseId: input.courseId });
  if (reply.deletedAt) throw badRequest('REPLY_DELETED', 'errors.replyDeletedNoEndorse');
  if (reply.parentId !== null) throw badRequest('NOT_AN_ANSWER', 'errors.endorseCommentsNot');
  if ((reply.endorsedBy !== null) === input.endorsed) return;
  const now = ctx.now();
  const who = { courseId: input.courseId, threadId: thread.id, replyId: reply.id, actorId: actor.person.id };
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.replies.update(input.courseId, reply.id, input.endorsed ? { endorsedBy: actor.person.id, endorsedAt: now } : { endorsedBy: null, endorsedAt: null });
    await tx.threads.increment(input.courseId, thread.id, { endorsedAnswerCount: input.endorsed ? 1 : -1 });
    return recordInTransaction(tx, { ...who, space: 'discussion', type: 'reply.changed', change: input.endorsed ? 'endorsed' : 'unendorsed' },
      input.endorsed ? [notification('endorsement', reply.authorId, who, now)] : [], now);
  });
  announce(ctx, recorded);
}

/** The asker accepts one answer to their question (or takes the acceptance back with replyId null). */
export async function setAcceptedAnswer(ctx: CommandContext, actor: Actor, input: { courseId: string; threadId: string; replyId: string | null }): Promise<void> {
  const thread = await findThread(ctx, input.courseId, input.threadId, actor);
  authorize(actor, 'answer.accept', { courseId: input.courseId, authorId: thread.authorId });
  if (thread.kind !== 'question') throw badRequest('NOT_A_QUESTION', 'errors.notAQuestion');
  if (input.replyId) {
    const { reply } = await findReply(ctx, input.courseId, input.replyId, actor);
    if (reply.threadId !== thread.id || reply.parentId !== null || reply.deletedAt) {
      throw badRequest('NOT_AN_ANSWER', 'errors.chooseAnAnswer');
    }
  }
  if (thread.acceptedReplyId === input.replyId) return;
  const now = ctx.now();
  const replyId = input.replyId ?? thread.acceptedReplyId!;
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.threads.update(input.courseId, thread.id, { acceptedReplyId: input.replyId });
    const accepted = input.replyId ? await tx.replies.findById(input.courseId, input.replyId) : null;
    const who = { courseId: input.courseId, threadId: thread.id, replyId, actorId: actor.person.id };
    return recordInTransaction(tx, { ...who, space: 'discussion', type: 'reply.changed', change: input.replyId ? 'accepted' : 'unaccepted' },
      accepted ? [notification('accepted', accepted.authorId, who, now)] : [], now);
  });
  announce(ctx, recorded);
}
