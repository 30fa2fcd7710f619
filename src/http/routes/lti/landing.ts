import type { CommandContext } from '../../../commands/context';
import type { AgoraTarget, LaunchContext } from '../../../lti';
import { openDeepLinkRequest } from '../../../lti/deep-linking/requests';
import { threadUrl } from '../../../presenters/discussion';
import { hotseatUrl } from '../../../presenters/hotseat';

/**
 * Where a verified launch lands: a deep linking request opens the picker; a link made by the picker
 * opens exactly the item it names (a thread that no longer exists in this course, e.g. after a
 * course copy, opens the discussion room instead); any other launch opens the course home.
 */
export async function landingFor(ctx: CommandContext, launch: LaunchContext, who: { courseId: string; personId: string }): Promise<string> {
  if (launch.messageType === 'LtiDeepLinkingRequest' && launch.deepLinking) {
    const request = await openDeepLinkRequest(ctx.storage, launch, who.courseId, who.personId, ctx.now());
    return deepLinkPickerUrl(who.courseId, request);
  }
  return launch.target ? targetUrl(ctx, who.courseId, launch.target) : `/c/${who.courseId}`;
}

export const deepLinkPickerUrl = (courseId: string, requestId: string) => `/c/${courseId}/deep-link/${requestId}`;

async function targetUrl(ctx: CommandContext, courseId: string, target: AgoraTarget): Promise<string> {
  const base = `/c/${courseId}`;
  switch (target.kind) {
    case 'home': return base;
    case 'discussion': return `${base}/discussion`;
    case 'hotseat': return `${base}/hotseats`;
    case 'hotseatSession': {
      // A course copy brings the link but not the hotseat: land on the list rather than a dead end.
      const hotseat = await ctx.storage.hotseats.findById(courseId, target.hotseatId);
      return hotseat ? hotseatUrl(courseId, hotseat.id) : `${base}/hotseats`;
    }
    case 'alumni': return `${base}/alumni`;
    case 'thread': {
      const thread = await ctx.storage.threads.findById(courseId, target.threadId);
      return thread && !thread.deletedAt ? threadUrl(courseId, thread.id) : `${base}/discussion`;
    }
  }
}
