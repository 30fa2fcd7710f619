import type { CommandContext } from '../commands/context';

/** What the bell shows: the unread count. The notification itself is read on the notifications page. */
export async function presentNotificationCount(ctx: CommandContext, personId: string, courseId: string) {
  return { courseId, unread: await ctx.storage.notifications.countUnread(personId, courseId) };
}
