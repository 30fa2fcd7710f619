import type { Anonymity, Thread, ThreadKind } from '../../domain/discussion';
import { LIMITS } from '../../domain/discussion';
import { badRequest } from '../../domain/errors';
import { newId } from '../../domain/ids';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';
import { mentionedHandles, renderMarkdown } from '../markdown';
import { checkBody, checkTitle } from './post-rules';
import {
  announce, checkAnonymity, courseMentions, enforceRateLimit, ensurePolicyAccepted, ensurePseudonym, notification,
  recordInTransaction, searchDocument,
} from './support';

export interface StartThreadInput {
  courseId: string;
  kind: ThreadKind;
  title: string;
  body: string;
  anonymity: Anonymity;
  tagIds: string[];
  acceptPolicy?: boolean;
}

/**
 * Starts a discussion, a question or (staff only) an announcement. Announcements are pinned and
 * notify everyone in the course; mentions notify the people mentioned; the author follows their thread.
 */
export async function startThread(ctx: CommandContext, actor: Actor, input: StartThreadInput): Promise<Thread> {
  authorize(actor, input.kind === 'announcement' ? 'thread.announce' : 'thread.create', input);
  const title = checkTitle(input.title);
  const body = checkBody(input.body, 'thread');
  const tagIds = await checkTags(ctx, input.courseId, input.tagIds);
  await checkAnonymity(ctx, input.courseId, input.anonymity);
  await ensurePolicyAccepted(ctx, actor, input.courseId, input.acceptPolicy === true);
  await enforceRateLimit(ctx, actor, input.courseId);
  await ensurePseudonym(ctx, input.courseId, actor.person.id, input.anonymity);

  const mentions = await courseMentions(ctx, { id: input.courseId }, body);
  const now = ctx.now();
  const thread: Thread = {
    id: newId(now.getTime()), courseId: input.courseId, authorId: actor.person.id, kind: input.kind, anonymity: input.anonymity,
    title, bodySource: body, bodyHtml: renderMarkdown(body, { mentions: mentions.names }), tagIds,
    replyCount: 0, answerCount: 0, voteCount: 0, pinned: input.kind === 'announcement', locked: false, hidden: false,
    acceptedReplyId: null, endorsedAnswerCount: 0, createdAt: now, editedAt: null, deletedAt: null, lastActivityAt: now,
  };
  const who = { courseId: thread.courseId, threadId: thread.id, actorId: actor.person.id };
  const notices = mentionedHandles(body)
    .map((handle) => mentions.personIds.get(handle))
    .filter((id): id is string => id !== undefined)
    .map((personId) => notification('mention', personId, who, now));
  if (input.kind === 'announcement') {
    const members = await ctx.storage.memberships.listByCourse(input.courseId);
    notices.push(...members.map((m) => notification('announcement', m.personId, who, now)));
  }

  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.threads.create(thread);
    await tx.follows.follow({ personId: actor.person.id, threadId: thread.id, courseId: thread.courseId, at: now });
    await tx.search.index(searchDocument(thread, { kind: 'thread', id: thread.id, bodyHtml: thread.bodyHtml }));
    return recordInTransaction(tx, { ...who, space: 'discussion', type: 'thread.created' }, notices, now);
  });
  announce(ctx, recorded);
  return thread;
}

/** Tags must be the course's own, at most LIMITS.tagsPerThread of them. */
export async function checkTags(ctx: CommandContext, courseId: string, tagIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(tagIds)];
  if (unique.length > LIMITS.tagsPerThread) throw badRequest('TOO_MANY_TAGS', 'errors.tooManyTags', { max: LIMITS.tagsPerThread });
  if (unique.length === 0) return [];
  const known = new Set((await ctx.storage.tags.listByCourse(courseId)).map((tag) => tag.id));
  if (unique.some((id) => !known.has(id))) throw badRequest('UNKNOWN_TAG', 'errors.unknownTag');
  return unique.sort();
}
