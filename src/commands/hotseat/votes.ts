import { AppError } from '../../domain/errors';
import { HOTSEAT_LIMITS } from '../../domain/hotseat';
import type { VoteCount } from '../../storage/hotseat-ports';
import type { CommandContext } from '../context';
import { authorizeInHotseat, findQuestion, type HotseatScope } from './access';

/**
 * A per-process sliding window of each person's recent votes. Votes are cheap and idempotent
 * (a toggle), so a limit that is per process rather than global is enough to stop a script
 * from flooding a hotseat, without a store query on the hottest path.
 */
class VoteRateLimit {
  private readonly recent = new Map<string, number[]>();

  take(personId: string, now: number): boolean {
    const windowStart = now - 60_000;
    const times = (this.recent.get(personId) ?? []).filter((t) => t > windowStart);
    if (times.length >= HOTSEAT_LIMITS.votesPerMinute) {
      this.recent.set(personId, times);
      return false;
    }
    times.push(now);
    this.recent.set(personId, times);
    if (this.recent.size > 50_000) this.prune(windowStart);
    return true;
  }

  private prune(windowStart: number): void {
    for (const [personId, times] of this.recent) if (times.every((t) => t <= windowStart)) this.recent.delete(personId);
  }
}

const limits = new WeakMap<CommandContext, VoteRateLimit>();

/** One vote per person per question; voting again takes it back. The ranking update follows, coalesced. */
export async function toggleQuestionVote(ctx: CommandContext, scope: HotseatScope, questionId: string): Promise<{ voted: boolean } & VoteCount> {
  const question = await findQuestion(ctx, scope, questionId);
  authorizeInHotseat(scope, 'question.vote', question);
  const now = ctx.now();
  let limit = limits.get(ctx);
  if (!limit) limits.set(ctx, (limit = new VoteRateLimit()));
  if (!limit.take(scope.actor.person.id, now.getTime())) {
    throw new AppError('RATE_LIMITED', 429, 'errors.votingTooFast', { limit: HOTSEAT_LIMITS.votesPerMinute });
  }
  const result = await ctx.storage.hotseatVotes.toggle({
    courseId: scope.course.id, hotseatId: scope.hotseat.id, questionId: question.id, personId: scope.actor.person.id, at: now,
  });
  ctx.events.publishHotseatVote({ courseId: scope.course.id, hotseatId: scope.hotseat.id, questionId: question.id });
  return result;
}
