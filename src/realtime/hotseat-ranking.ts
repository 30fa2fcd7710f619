import { performance } from 'node:perf_hooks';
import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { CommandContext } from '../commands/context';
import { hotseatRoom, RANKING_INTERVAL_MS, type RankingUpdate } from './hotseat-protocol';

/**
 * Turns a storm of votes into at most one ranking update per hotseat per RANKING_INTERVAL_MS.
 * Nothing is lost: each update carries the current count (read from the store when it is sent)
 * of every question voted on since the previous one, with its version so a client can ignore
 * an older count that arrives late (from another process, say). The first vote after a quiet
 * spell goes out at once; later ones wait for the rest of the interval.
 */
export class RankingCoalescer {
  private readonly dirty = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastSent = new Map<string, number>();
  /** Updates sent, per hotseat, for tests and the benchmark's "at most 10 per second" check. */
  readonly sentCount = new Map<string, number>();

  constructor(private readonly io: Server, private readonly ctx: CommandContext, private readonly logger: Logger) {}

  voted(hotseatId: string, questionId: string): void {
    let questions = this.dirty.get(hotseatId);
    if (!questions) this.dirty.set(hotseatId, (questions = new Set()));
    questions.add(questionId);
    if (this.timers.has(hotseatId)) return;
    this.timers.set(hotseatId, setTimeout(() => void this.flush(hotseatId), Math.max(0, this.tooSoonBy(hotseatId))));
  }

  /** How long before the next update may go out (≤ 0: now). On the monotonic clock, to the sub-millisecond. */
  private tooSoonBy(hotseatId: string): number {
    return (this.lastSent.get(hotseatId) ?? -Infinity) + RANKING_INTERVAL_MS - performance.now();
  }

  private async flush(hotseatId: string): Promise<void> {
    // Node's timers count from the event loop's cached time, so one armed late in a busy tick fires a
    // few ms early by the clock (S2 saw 11 updates in a second): wait out the rest rather than send early.
    const early = this.tooSoonBy(hotseatId);
    if (early > 0) {
      this.timers.set(hotseatId, setTimeout(() => void this.flush(hotseatId), Math.ceil(early)));
      return;
    }
    const questions = this.dirty.get(hotseatId);
    this.dirty.delete(hotseatId);
    this.lastSent.set(hotseatId, performance.now());
    try {
      if (questions && questions.size > 0) {
        const counts = await this.ctx.storage.hotseatQuestions.voteCounts([...questions]);
        const update: RankingUpdate = { hotseatId, counts: counts.map((c) => [c.id, c.voteCount, c.voteVersion]) };
        this.io.to(hotseatRoom(hotseatId)).emit('hotseat:ranking', update);
        this.sentCount.set(hotseatId, (this.sentCount.get(hotseatId) ?? 0) + 1);
      }
    } catch (error) {
      this.logger.warn({ err: error, hotseatId }, 'could not send a ranking update');
      // Put them back: the next vote, or the retry below, sends them.
      for (const id of questions ?? []) this.voted(hotseatId, id);
    } finally {
      this.timers.delete(hotseatId);
      // Votes that arrived while the store was read go out after the interval.
      if (this.dirty.has(hotseatId) && !this.timers.has(hotseatId)) {
        this.timers.set(hotseatId, setTimeout(() => void this.flush(hotseatId), RANKING_INTERVAL_MS));
      }
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
