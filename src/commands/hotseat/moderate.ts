import { badRequest } from '../../domain/errors';
import type { QuestionChange } from '../../domain/events';
import { HOTSEAT_LIMITS, type HotseatQuestion, type QuestionStatus } from '../../domain/hotseat';
import { newId } from '../../domain/ids';
import type { Notification } from '../../domain/notifications';
import type { QuestionPatch } from '../../storage/hotseat-ports';
import type { CommandContext } from '../context';
import { announce, recordInTransaction } from '../discussion/support';
import { renderMarkdown } from '../markdown';
import { authorizeInHotseat, findQuestion, type HotseatScope } from './access';
import { checkText, leaveSpotlight, recordQuestion } from './questions';

/** What a host does to one question, from the console. */
export type Moderation =
  | { action: 'approve' }
  | { action: 'decline'; reason: string }
  | { action: 'hide' }
  | { action: 'show' }
  | { action: 'dismiss' }
  | { action: 'reopen' }
  | { action: 'answer'; body: string };

const ALLOWED_FROM: Record<Moderation['action'], readonly QuestionStatus[] | 'any'> = {
  approve: ['pending'],
  decline: ['pending'],
  hide: 'any',
  show: 'any',
  dismiss: ['open'],
  reopen: ['answered', 'dismissed'],
  answer: ['open', 'answered'],
};

const CHANGE = {
  approve: 'approved', decline: 'declined', hide: 'hidden', show: 'shown', dismiss: 'dismissed', reopen: 'reopened', answer: 'answered',
} as const satisfies Record<Moderation['action'], QuestionChange>;

/** "<host> answered your question in the hotseat", pointing at the question that holds the answer. */
function answerNotice(scope: HotseatScope, personId: string, answeredId: string, now: Date): Notification {
  return {
    id: newId(now.getTime()), personId, courseId: scope.course.id, kind: 'hotseat-answer',
    threadId: scope.hotseat.id, replyId: answeredId, actorId: scope.actor.person.id, createdAt: now, readAt: null,
  };
}

export async function moderateQuestion(ctx: CommandContext, scope: HotseatScope, questionId: string, moderation: Moderation): Promise<HotseatQuestion> {
  const question = await findQuestion(ctx, scope, questionId);
  authorizeInHotseat(scope, 'question.moderate', question);
  const allowed = ALLOWED_FROM[moderation.action];
  if (allowed !== 'any' && !allowed.includes(question.status)) {
    throw badRequest('QUESTION_STATE', 'errors.questionState', { status: { key: `errors.questionStatus.${question.status}` }, change: { key: `errors.questionChange.${CHANGE[moderation.action]}` } });
  }
  const now = ctx.now();
  const patch: QuestionPatch = {};
  const notifications: Notification[] = [];
  switch (moderation.action) {
    case 'approve': patch.status = 'open'; break;
    case 'decline': {
      const reason = moderation.reason.trim();
      if (!reason) throw badRequest('REASON_REQUIRED', 'errors.declineReasonRequired');
      if (reason.length > HOTSEAT_LIMITS.declineReasonLength) throw badRequest('REASON_TOO_LONG', 'errors.declineReasonTooLong', { max: HOTSEAT_LIMITS.declineReasonLength });
      Object.assign(patch, { status: 'declined', declineReason: reason });
      break;
    }
    case 'hide': patch.hidden = true; break;
    case 'show': patch.hidden = false; break;
    case 'dismiss': patch.status = 'dismissed'; break;
    case 'reopen': patch.status = 'open'; break;
    case 'answer': {
      // An empty answer means "answered live, out loud": the question is marked answered.
      const text = moderation.body.trim() ? checkText(moderation.body, HOTSEAT_LIMITS.answerLength, 'answer') : null;
      Object.assign(patch, {
        status: 'answered', answerSource: text, answerHtml: text ? renderMarkdown(text) : null, answeredBy: scope.actor.person.id, answeredAt: now,
      });
      if (question.status !== 'answered') {
        // Its asker, and whoever asked a duplicate merged into it: the answer is theirs too.
        const duplicates = (await ctx.storage.hotseatQuestions.listByHotseat(scope.hotseat.id)).filter((q) => q.mergedIntoId === question.id);
        for (const personId of [question.authorId, ...duplicates.map((q) => q.authorId)]) notifications.push(answerNotice(scope, personId, question.id, now));
      }
      break;
    }
  }
  const clearsSpotlight = scope.hotseat.answeringQuestionId === question.id && (patch.status !== undefined || patch.hidden === true);
  const { updated, recorded, spotlight } = await ctx.storage.transaction(async (tx) => {
    const updated = await tx.hotseatQuestions.update(scope.course.id, question.id, patch);
    const recorded = await recordQuestion(tx, scope, question.id, CHANGE[moderation.action], now, notifications);
    return { updated, recorded, spotlight: clearsSpotlight ? await leaveSpotlight(tx, scope, question.id, now) : null };
  });
  announce(ctx, recorded);
  if (spotlight) announce(ctx, spotlight);
  return updated!;
}

/** "Answering now": the host puts one open question in the spotlight for everyone, or clears it. */
export async function setAnsweringNow(ctx: CommandContext, scope: HotseatScope, questionId: string | null): Promise<void> {
  authorizeInHotseat(scope, 'question.moderate');
  if (questionId !== null) {
    const question = await findQuestion(ctx, scope, questionId);
    if (question.status !== 'open' || question.hidden) throw badRequest('QUESTION_STATE', 'errors.answerOnlyOpen');
  }
  const now = ctx.now();
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.hotseats.update(scope.course.id, scope.hotseat.id, { answeringQuestionId: questionId, updatedAt: now });
    return recordInTransaction(tx, {
      type: 'hotseat.changed', courseId: scope.course.id, space: 'hotseat', actorId: scope.actor.person.id, hotseatId: scope.hotseat.id, change: 'answering',
    }, [], now);
  });
  announce(ctx, recorded);
}

/**
 * Folds a duplicate into another question: the duplicate's votes move over, a person who voted
 * for both counts once, and the duplicate stays visible as "merged" pointing to the other.
 */
export async function mergeQuestions(ctx: CommandContext, scope: HotseatScope, duplicateId: string, intoId: string): Promise<HotseatQuestion> {
  if (duplicateId === intoId) throw badRequest('MERGE_SAME', 'errors.mergeSame');
  const [duplicate, into] = [await findQuestion(ctx, scope, duplicateId), await findQuestion(ctx, scope, intoId)];
  authorizeInHotseat(scope, 'question.moderate', duplicate);
  const mergeable: readonly QuestionStatus[] = ['open', 'pending'];
  if (!mergeable.includes(duplicate.status) || !['open', 'answered'].includes(into.status)) {
    throw badRequest('QUESTION_STATE', 'errors.mergeStates');
  }
  const now = ctx.now();
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.hotseatVotes.merge(scope.course.id, duplicate.id, into.id);
    await tx.hotseatQuestions.update(scope.course.id, duplicate.id, { status: 'merged', mergedIntoId: into.id });
    // A duplicate joining a question already answered: its asker learns the answer is there.
    const notices = into.status === 'answered' ? [answerNotice(scope, duplicate.authorId, into.id, now)] : [];
    return [await recordQuestion(tx, scope, duplicate.id, 'merged', now, notices), await leaveSpotlight(tx, scope, duplicate.id, now)];
  });
  for (const r of recorded) if (r) announce(ctx, r);
  ctx.events.publishHotseatVote({ courseId: scope.course.id, hotseatId: scope.hotseat.id, questionId: into.id });
  return (await ctx.storage.hotseatQuestions.findById(scope.course.id, into.id))!;
}
