import { normaliseTags, type Community } from '../../domain/alumni';
import type { Thread } from '../../domain/discussion';
import { badRequest } from '../../domain/errors';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { checkBody, checkTitle } from '../discussion/post-rules';
import { announce, enforceRateLimit, notification } from '../discussion/support';
import { namedThread, writeThread } from './post-thread';

/**
 * "Ask alumni": someone in the space (typically a current learner, even where learners may only
 * read) asks a question with the expertise it needs. It becomes a question thread of the space, so
 * alumni answer it and staff endorse answers like any Q&A; alumni whose visible profile says they
 * are happy to be asked, and whose expertise tags match, are notified.
 */
export const ASK_TAGS_MAX = 5;

export async function askAlumni(
  ctx: CommandContext, actor: Actor, community: Community, input: { title: string; body: string; tags: string[] },
): Promise<{ thread: Thread; notified: number }> {
  authorize(actor, 'course.view', { courseId: community.spaceCourseId });
  const title = checkTitle(input.title);
  const body = checkBody(input.body, 'thread');
  const tags = normaliseTags(input.tags);
  if (tags.length === 0) throw badRequest('ASK_TAGS_REQUIRED', 'errors.askTagsRequired');
  if (tags.length > ASK_TAGS_MAX) throw badRequest('TOO_MANY_TAGS', 'errors.tooManyAskTags', { max: ASK_TAGS_MAX });
  await enforceRateLimit(ctx, actor, community.spaceCourseId);

  const profiles = await ctx.storage.alumniProfiles.listVisible(community.id);
  const candidates = profiles.filter((p) => p.happyToBeAsked && p.personId !== actor.person.id && p.tags.some((t) => tags.includes(t)));
  const alumni = await Promise.all(candidates.map(async (p) => ((await ctx.storage.alumni.listForPerson(community.id, p.personId)).length > 0 ? p.personId : null)));
  const recipients = alumni.filter((id): id is string => id !== null);

  const now = ctx.now();
  const thread = namedThread({ courseId: community.spaceCourseId, authorId: actor.person.id, kind: 'question', title, body, now });
  const who = { courseId: thread.courseId, threadId: thread.id, actorId: actor.person.id };
  const notices = recipients.map((personId) => notification('ask-alumni', personId, who, now));
  const recorded = await ctx.storage.transaction(async (tx) => {
    const written = await writeThread(tx, thread, notices, now);
    await tx.alumniQuestions.create({ threadId: thread.id, communityId: community.id, askerId: actor.person.id, tags, notifiedCount: written.notifications.length, createdAt: now });
    return written;
  });
  announce(ctx, recorded);
  return { thread, notified: recorded.notifications.length };
}
