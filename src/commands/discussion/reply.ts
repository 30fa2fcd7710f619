import type { Anonymity, Reply } from '../../domain/discussion';
import { badRequest } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Notification } from '../../domain/notifications';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { mentionedHandles, renderMarkdown } from '../markdown';
import { checkBody } from './post-rules';
import {
  announce, checkAnonymity, courseMentions, enforceRateLimit, ensurePolicyAccepted, ensurePseudonym, findReply, findThread,
  notification, recordInTransaction, searchDocument,
} from './support';

export interface ReplyInput {
  courseId: string;
  threadId: string;
  /** The reply this comments on; omitted for a reply to the thread itself. */
  parentId?: string | null;
  body: string;
  anonymity: Anonymity;
  acceptPolicy?: boolean;
}

/**
 * Replies to a thread, or comments on a reply (two levels, no deeper). Notifies the thread's
 * followers, the asker when a question gets an answer, the author of the reply commented on, and
 * the people mentioned; the replier starts following the thread.
 */
export async function replyToThread(ctx: CommandContext, actor: Actor, input: ReplyInput): Promise<Reply> {
  const thread = await findThread(ctx, input.courseId, input.threadId, actor);
  if (thread.deletedAt) throw badRequest('THREAD_DELETED', 'errors.threadDeleted');
  authorize(actor, 'reply.create', { courseId: thread.courseId, locked: thread.locked });
  let parent: Reply | null = null;
  if (input.parentId) {
    parent = (await findReply(ctx, thread.courseId, input.parentId, actor)).reply;
    if (parent.threadId !== thread.id) throw badRequest('WRONG_THREAD', 'errors.wrongThread');
    if (parent.parentId !== null) throw badRequest('TOO_DEEP', 'errors.tooDeep');
    if (parent.deletedAt) throw badRequest('REPLY_DELETED', 'errors.replyDeletedNoComments');
  }
  const body = checkBody(input.body, 'reply');
  await checkAnonymity(ctx, thread.courseId, input.anonymity);
  await ensurePolicyAccepted(ctx, actor, thread.courseId, input.acceptPolicy === true);
  await enforceRateLimit(ctx, actor, thread.courseId);
  await ensurePseudonym(ctx, thread.courseId, actor.person.id, input.anonymity);

  const mentions = await courseMentions(ctx, { id: thread.courseId }, body);
  const now = ctx.now();
  const reply: Reply = {
    id: newId(now.getTime()), courseId: thread.courseId, threadId: thread.id, parentId: parent?.id ?? null, authorId: actor.person.id,
    anonymity: input.anonymity, bodySource: body, bodyHtml: renderMarkdown(body, { mentions: mentions.names }), voteCount: 0,
    hidden: false, endorsedBy: null, endorsedAt: null, createdAt: now, editedAt: null, deletedAt: null,
  };
  const who = { courseId: thread.courseId, threadId: thread.id, replyId: reply.id, actorId: actor.person.id };
  // Most specific reason first: each person is told once, for the reason that concerns them most.
  const notices: Notification[] = mentionedHandles(body)
    .map((handle) => mentions.personIds.get(handle))
    .filter((id): id is string => id !== undefined)
    .map((personId) => notification('mention', personId, who, now));
  if (parent) notices.push(notification('reply', parent.authorId, who, now));
  notices.push(notification(thread.kind === 'question' && !parent ? 'answer' : 'reply', thread.authorId, who, now));
  for (const follower of await ctx.storage.follows.followersOf(thread.id)) notices.push(notification('reply', follower, who, now));

  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.replies.create(reply);
    await tx.threads.increment(thread.courseId, thread.id, { replyCount: 1, answerCount: parent ? 0 : 1 }, now);
    await tx.follows.follow({ personId: actor.person.id, threadId: thread.id, courseId: thread.courseId, at: now });
    await tx.search.index(searchDocument(thread, { kind: 'reply', id: reply.id, bodyHtml: reply.bodyHtml }));
    return recordInTransaction(tx, { ...who, space: 'discussion', type: 'reply.created' }, notices, now);
  });
  announce(ctx, recorded);
  return reply;
}
