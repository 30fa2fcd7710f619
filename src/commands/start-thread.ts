import type { Thread } from '../domain/discussion';
import { newId } from '../domain/ids';
import type { Actor } from '../policies/can';
import { authorize } from './authorize';
import type { CommandContext } from './context';
import { renderMarkdown } from './markdown';
import { checkBody, checkTitle } from './post-rules';

export async function startThread(
  ctx: CommandContext,
  actor: Actor,
  input: { courseId: string; title: string; body: string },
): Promise<Thread> {
  authorize(actor, 'thread.create', input);
  const title = checkTitle(input.title);
  const body = checkBody(input.body, 'thread');
  const now = ctx.now();
  const thread: Thread = {
    id: newId(now.getTime()),
    courseId: input.courseId,
    authorId: actor.person.id,
    title,
    bodySource: body,
    bodyHtml: renderMarkdown(body),
    replyCount: 0,
    createdAt: now,
    lastActivityAt: now,
  };
  const event = await ctx.storage.transaction(async (tx) => {
    await tx.threads.create(thread);
    return tx.events.append({ courseId: thread.courseId, space: 'discussion', actorId: actor.person.id, type: 'thread.created', threadId: thread.id }, now);
  });
  ctx.events.publish(event);
  return thread;
}
