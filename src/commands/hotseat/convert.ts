import type { Thread } from '../../domain/discussion';
import { LIMITS } from '../../domain/discussion';
import type { Hotseat, HotseatQuestion } from '../../domain/hotseat';
import { newId } from '../../domain/ids';
import type { CommandContext } from '../context';
import { announce, ensurePseudonym, recordInTransaction, searchDocument } from '../discussion/support';
import { plainText, renderMarkdown } from '../markdown';
import { authorizeInHotseat, type HotseatScope } from './access';

/** A thread title from the question's first words. */
function titleFrom(question: HotseatQuestion): string {
  const text = plainText(question.bodyHtml) || 'A question from the hotseat';
  const max = Math.min(LIMITS.titleMax, 120);
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/**
 * Turns every open, unanswered question of a closed hotseat into a discussion-room question,
 * by the same asker with the same anonymity, so none is lost. Each question converts at most
 * once (checked inside its own transaction), so a retry or a second process adds nothing twice.
 */
export async function convertUnanswered(ctx: CommandContext, hotseat: Hotseat, actorId: string): Promise<number> {
  const candidates = (await ctx.storage.hotseatQuestions.listByHotseat(hotseat.id))
    .filter((q) => q.status === 'open' && !q.hidden && q.convertedThreadId === null);
  let converted = 0;
  for (const question of candidates) {
    await ensurePseudonym(ctx, hotseat.courseId, question.authorId, question.anonymity);
    const now = ctx.now();
    const footer = `\n\n*Asked in the hotseat "${hotseat.title.replace(/[*_`[\]]/g, '')}" and not answered before it closed.*`;
    const bodySource = `${question.bodySource}${footer}`;
    const thread: Thread = {
      id: newId(now.getTime()), courseId: hotseat.courseId, authorId: question.authorId, kind: 'question', anonymity: question.anonymity,
      title: titleFrom(question), bodySource, bodyHtml: renderMarkdown(bodySource), tagIds: [], replyCount: 0, answerCount: 0,
      voteCount: 0, pinned: false, locked: false, hidden: false, acceptedReplyId: null, endorsedAnswerCount: 0,
      createdAt: now, editedAt: null, deletedAt: null, lastActivityAt: now,
    };
    const recorded = await ctx.storage.transaction(async (tx) => {
      const fresh = await tx.hotseatQuestions.findById(hotseat.courseId, question.id);
      if (!fresh || fresh.convertedThreadId !== null || fresh.status !== 'open') return null;
      await tx.threads.create(thread);
      await tx.follows.follow({ personId: question.authorId, threadId: thread.id, courseId: thread.courseId, at: now });
      await tx.search.index(searchDocument(thread, { kind: 'thread', id: thread.id, bodyHtml: thread.bodyHtml }));
      await tx.hotseatQuestions.update(hotseat.courseId, question.id, { convertedThreadId: thread.id });
      const created = await recordInTransaction(tx, { type: 'thread.created', courseId: thread.courseId, space: 'discussion', actorId: question.authorId, threadId: thread.id }, [], now);
      const changed = await recordInTransaction(tx, {
        type: 'question.changed', courseId: hotseat.courseId, space: 'hotseat', actorId, hotseatId: hotseat.id, questionId: question.id, change: 'converted',
      }, [], now);
      return [created, changed];
    });
    if (!recorded) continue;
    for (const r of recorded) announce(ctx, r);
    converted += 1;
  }
  return converted;
}

/** Staff turn the unanswered questions of a closed hotseat into threads in one step. */
export async function convertUnansweredByStaff(ctx: CommandContext, scope: HotseatScope): Promise<number> {
  authorizeInHotseat(scope, 'question.convert');
  return convertUnanswered(ctx, scope.hotseat, scope.actor.person.id);
}
