import { LIMITS, type Anonymity } from '../../domain/discussion';
import { AppError, badRequest } from '../../domain/errors';
import type { QuestionChange } from '../../domain/events';
import { HOTSEAT_LIMITS, type HotseatFollowUp, type HotseatQuestion } from '../../domain/hotseat';
import { newId } from '../../domain/ids';
import type { Notification } from '../../domain/notifications';
import type { Repositories } from '../../storage/ports';
import type { CommandContext } from '../context';
import { announce, checkAnonymity, ensurePolicyAccepted, ensurePseudonym, recordInTransaction } from '../discussion/support';
import { renderMarkdown } from '../markdown';
import { authorizeInHotseat, findQuestion, type HotseatScope } from './access';

const TEXT_RULES = {
  question: { required: 'errors.hotseatQuestionRequired', tooLong: 'errors.hotseatQuestionTooLong' },
  'follow-up': { required: 'errors.hotseatFollowUpRequired', tooLong: 'errors.hotseatFollowUpTooLong' },
  answer: { required: 'errors.hotseatAnswerRequired', tooLong: 'errors.hotseatAnswerTooLong' },
} as const;

export function checkText(raw: string, max: number, what: keyof typeof TEXT_RULES): string {
  const text = raw.replace(/\r\n/g, '\n').trim();
  if (!text) throw badRequest('BODY_REQUIRED', TEXT_RULES[what].required);
  if (text.length > max) throw badRequest('BODY_TOO_LONG', TEXT_RULES[what].tooLong, { max, length: text.length });
  return text;
}

/** Appends a question event in the caller's transaction. */
export function recordQuestion(tx: Repositories, scope: HotseatScope, questionId: string, change: QuestionChange | 'created', now: Date, notifications: Notification[] = []) {
  const base = { courseId: scope.course.id, space: 'hotseat' as const, actorId: scope.actor.person.id, hotseatId: scope.hotseat.id, questionId };
  const event = change === 'created' ? { ...base, type: 'question.created' as const } : { ...base, type: 'question.changed' as const, change };
  return recordInTransaction(tx, event, notifications, now);
}

/**
 * Takes a question that is leaving the open list out of the spotlight, in the caller's
 * transaction, and records it so every open page clears "answering now" too. Null when it was
 * not in the spotlight.
 */
export async function leaveSpotlight(tx: Repositories, scope: HotseatScope, questionId: string, now: Date) {
  if (scope.hotseat.answeringQuestionId !== questionId) return null;
  await tx.hotseats.update(scope.course.id, scope.hotseat.id, { answeringQuestionId: null, updatedAt: now });
  return recordInTransaction(tx, {
    type: 'hotseat.changed', courseId: scope.course.id, space: 'hotseat', actorId: scope.actor.person.id, hotseatId: scope.hotseat.id, change: 'answering',
  }, [], now);
}

export interface AskInput {
  body: string;
  anonymity: Anonymity;
  acceptPolicy?: boolean;
}

/** A learner (or staff member) asks; with pre-moderation the question waits for a host. */
export async function askQuestion(ctx: CommandContext, scope: HotseatScope, input: AskInput): Promise<HotseatQuestion> {
  authorizeInHotseat(scope, 'question.ask');
  const { actor, course, hotseat } = scope;
  const body = checkText(input.body, HOTSEAT_LIMITS.questionLength, 'question');
  await checkAnonymity(ctx, course.id, input.anonymity);
  if (actor.membership) await ensurePolicyAccepted(ctx, { person: actor.person, membership: actor.membership }, course.id, input.acceptPolicy === true);
  const now = ctx.now();
  const recent = await ctx.storage.hotseatQuestions.countByAuthorSince(hotseat.id, actor.person.id, new Date(now.getTime() - 60_000));
  if (recent >= HOTSEAT_LIMITS.questionsPerMinute) {
    throw new AppError('RATE_LIMITED', 429, 'errors.askingTooFast', { limit: HOTSEAT_LIMITS.questionsPerMinute });
  }
  await ensurePseudonym(ctx, course.id, actor.person.id, input.anonymity);
  const question: HotseatQuestion = {
    id: newId(now.getTime()), hotseatId: hotseat.id, courseId: course.id, authorId: actor.person.id, anonymity: input.anonymity,
    bodySource: body, bodyHtml: renderMarkdown(body), status: hotseat.premoderation && actor.subject.role !== 'staff' ? 'pending' : 'open',
    hidden: false, voteCount: 0, voteVersion: 0, declineReason: null, mergedIntoId: null, answerSource: null, answerHtml: null,
    answeredBy: null, answeredAt: null, convertedThreadId: null, createdAt: now, editedAt: null,
  };
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.hotseatQuestions.create(question);
    return recordQuestion(tx, scope, question.id, 'created', now);
  });
  announce(ctx, recorded);
  return question;
}

/** The asker rewords their question while it still waits for the host. */
export async function editQuestion(ctx: CommandContext, scope: HotseatScope, questionId: string, rawBody: string): Promise<HotseatQuestion> {
  const question = await findQuestion(ctx, scope, questionId);
  authorizeInHotseat(scope, 'question.edit', question);
  const body = checkText(rawBody, HOTSEAT_LIMITS.questionLength, 'question');
  const now = ctx.now();
  // With pre-moderation, new words need a host's approval too: otherwise an approved question
  // could be reworded into anything and go straight to everyone.
  const requeue = scope.hotseat.premoderation && question.status === 'open' && scope.actor.subject.role !== 'staff';
  const { updated, recorded, spotlight } = await ctx.storage.transaction(async (tx) => {
    const updated = await tx.hotseatQuestions.update(scope.course.id, question.id, {
      bodySource: body, bodyHtml: renderMarkdown(body), editedAt: now, ...(requeue ? { status: 'pending' as const } : {}),
    });
    const recorded = await recordQuestion(tx, scope, question.id, 'edited', now);
    return { updated, recorded, spotlight: requeue ? await leaveSpotlight(tx, scope, question.id, now) : null };
  });
  announce(ctx, recorded);
  if (spotlight) announce(ctx, spotlight);
  return updated!;
}

/** The asker takes their question back; its votes no longer count. */
export async function withdrawQuestion(ctx: CommandContext, scope: HotseatScope, questionId: string): Promise<void> {
  const question = await findQuestion(ctx, scope, questionId);
  authorizeInHotseat(scope, 'question.withdraw', question);
  const now = ctx.now();
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.hotseatQuestions.update(scope.course.id, question.id, { status: 'withdrawn' });
    return [await recordQuestion(tx, scope, question.id, 'withdrawn', now), await leaveSpotlight(tx, scope, question.id, now)];
  });
  for (const r of recorded) if (r) announce(ctx, r);
}

/** A follow-up under a question: the asker clarifying, others adding, the host answering more. */
export async function addFollowUp(ctx: CommandContext, scope: HotseatScope, questionId: string, input: { body: string; anonymity?: Anonymity; acceptPolicy?: boolean }): Promise<HotseatFollowUp> {
  const question = await findQuestion(ctx, scope, questionId);
  authorizeInHotseat(scope, 'question.followUp', question);
  const body = checkText(input.body, HOTSEAT_LIMITS.followUpLength, 'follow-up');
  const { actor } = scope;
  // Guest hosts speak under their own name; members choose as the course allows. An asker who
  // does not choose keeps their question's anonymity: a named follow-up would unmask it.
  const ownQuestion = question.authorId === actor.person.id;
  const anonymity: Anonymity = actor.membership ? input.anonymity ?? (ownQuestion ? question.anonymity : 'named') : 'named';
  await checkAnonymity(ctx, scope.course.id, anonymity);
  // Follow-ups are posts like the discussion room's replies: the same posting policy and pace.
  if (actor.membership) await ensurePolicyAccepted(ctx, { person: actor.person, membership: actor.membership }, scope.course.id, input.acceptPolicy === true);
  const now = ctx.now();
  const since = now.getTime() - 60_000;
  const recent = (await ctx.storage.hotseatFollowUps.listByHotseat(scope.hotseat.id)).filter((f) => f.authorId === actor.person.id && f.createdAt.getTime() > since);
  if (recent.length >= LIMITS.postsPerMinute) {
    throw new AppError('RATE_LIMITED', 429, 'errors.followUpsTooFast', { limit: LIMITS.postsPerMinute });
  }
  await ensurePseudonym(ctx, scope.course.id, actor.person.id, anonymity);
  const followUp: HotseatFollowUp = {
    id: newId(now.getTime()), questionId: question.id, hotseatId: scope.hotseat.id, courseId: scope.course.id,
    authorId: scope.actor.person.id, anonymity, bodySource: body, bodyHtml: renderMarkdown(body), createdAt: now,
  };
  const recorded = await ctx.storage.transaction(async (tx) => {
    await tx.hotseatFollowUps.create(followUp);
    return recordQuestion(tx, scope, question.id, 'followUp', now);
  });
  announce(ctx, recorded);
  return followUp;
}
