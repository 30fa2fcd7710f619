import { phaseAt, type Hotseat } from '../../domain/hotseat';
import type { CommandContext } from '../context';
import { announce, recordInTransaction } from '../discussion/support';
import { convertUnanswered } from './convert';

/**
 * Announces a hotseat's phase when the clock (or a staff action) has moved it. The stored phase
 * changes by compare-and-set, so of several processes noticing the same moment exactly one
 * announces it and runs what closing entails. Returns whether this call moved it.
 */
export async function settleHotseat(ctx: CommandContext, hotseat: Hotseat, actorId = hotseat.createdBy): Promise<boolean> {
  const now = ctx.now();
  const due = phaseAt(hotseat, now);
  if (due === hotseat.phase) return false;
  const recorded = await ctx.storage.transaction(async (tx) => {
    if (!(await tx.hotseats.advancePhase(hotseat.courseId, hotseat.id, hotseat.phase, due, now))) return null;
    // Nobody is being answered in a hotseat that has closed.
    if (due === 'closed' && hotseat.answeringQuestionId) await tx.hotseats.update(hotseat.courseId, hotseat.id, { answeringQuestionId: null });
    return recordInTransaction(tx, { type: 'hotseat.changed', courseId: hotseat.courseId, space: 'hotseat', actorId, hotseatId: hotseat.id, change: 'phase' }, [], now);
  });
  if (!recorded) return false;
  announce(ctx, recorded);
  if (due === 'closed' && hotseat.convertOnClose) await convertUnanswered(ctx, { ...hotseat, phase: 'closed' }, hotseat.createdBy);
  return true;
}

/** The scheduler's tick: every published hotseat whose phase the clock has moved is announced. */
export async function settleDueHotseats(ctx: CommandContext): Promise<number> {
  let moved = 0;
  for (const hotseat of await ctx.storage.hotseats.listUnsettled()) {
    if (await settleHotseat(ctx, hotseat)) moved += 1;
  }
  return moved;
}
