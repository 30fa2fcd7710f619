import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { findThread } from './support';

/** People follow threads to hear about new replies (authors and repliers follow automatically). */
export async function setFollowing(ctx: CommandContext, actor: Actor, input: { courseId: string; threadId: string; following: boolean }): Promise<boolean> {
  authorize(actor, 'course.view', input);
  const thread = await findThread(ctx, input.courseId, input.threadId, actor);
  if (input.following) await ctx.storage.follows.follow({ personId: actor.person.id, threadId: thread.id, courseId: thread.courseId, at: ctx.now() });
  else await ctx.storage.follows.unfollow(actor.person.id, thread.id);
  return input.following;
}
