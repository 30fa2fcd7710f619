import type { Reply } from '../domain/discussion';
import { notFound } from '../domain/errors';
import { newId } from '../domain/ids';
import type { Actor } from '../policies/can';
import { authorize } from './authorize';
import type { CommandContext } from './context';
import { renderMarkdown } from './markdown';
import { checkBody } from './post-rules';

export async function replyToThread(
  ctx: CommandContext,
  actor: Actor,
  input: { courseId: string; threadId: string; body: string },
): Promise<Reply> {
  authorize(actor, 'reply.create', input);
  const body = checkBody(input.body, 'reply');
  const thread = await ctx.storage.threads.findById(input.courseId, input.threadId);
  if (!thread) throw notFound('THREAD_NOT_FOUND', 'That thread does not exist in this course (it may have been removed).');
  const now = ctx.now();
  const reply: Reply = {
    id: newId(now.getTime()),
    courseId: thread.courseId,
    threadId: thread.id,
    authorId: actor.person.id,
    bodySource: body,
    bodyHtml: renderMarkdown(body),
    createdAt: now,
  };
  const event = await ctx.storage.transaction(async (tx) => {
    await tx.replies.create(reply);
    await tx.threads.recordReply(thread.courseId, thread.id, now);
    return tx.events.append({ courseId: thread.courseId, space: 'discussion', actorId: actor.person.id, type: 'reply.created', threadId: thread.id, replyId: reply.id }, now);
  });
  ctx.events.publish(event);
  return reply;
}
