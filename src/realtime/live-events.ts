import type { CommandContext } from '../commands/context';
import { loadForEvent } from '../commands/read-discussion';
import type { StoredCourseEvent } from '../domain/events';
import { presentReply, presentThreadSummary } from '../presenters/discussion';

/**
 * A stored course event as a client receives it: the presenter's view of what changed, plus the
 * event number the client keeps to resume after a disconnection. Used for live broadcast and for
 * replay, so both say exactly the same thing. Null when the subject no longer exists.
 */
export type LiveEvent =
  | { seq: number; type: 'thread.created'; space: 'discussion'; thread: ReturnType<typeof presentThreadSummary> }
  | { seq: number; type: 'reply.created'; space: 'discussion'; thread: ReturnType<typeof presentThreadSummary>; reply: ReturnType<typeof presentReply> };

export async function toLiveEvent(ctx: CommandContext, event: StoredCourseEvent): Promise<LiveEvent | null> {
  switch (event.type) {
    case 'thread.created': {
      const loaded = await loadForEvent(ctx, event.courseId, event.threadId);
      if (!loaded) return null;
      return { seq: event.seq, type: event.type, space: 'discussion', thread: presentThreadSummary(loaded.thread, loaded.people) };
    }
    case 'reply.created': {
      const loaded = await loadForEvent(ctx, event.courseId, event.threadId, event.replyId);
      if (!loaded?.reply) return null;
      return {
        seq: event.seq,
        type: event.type,
        space: 'discussion',
        thread: presentThreadSummary(loaded.thread, loaded.people),
        reply: presentReply(loaded.reply, loaded.people),
      };
    }
  }
}
