import { CARE_LIMITS } from '../../domain/care';
import type { CommandContext } from '../context';

/**
 * Activity-log retention. The activity log is `course_events`: one record per change in a course
 * (who did what, when), kept so that a client that reconnects can replay what it missed. Nothing
 * else reads old events: counts, insights and "new since your last visit" come from the posts
 * themselves, and `latestSeq` is kept meaningful because a course's newest event is never deleted.
 * A client that last saw an event older than what was purged is told to reload (`replayWasPurged`).
 */
const DAY_MS = 86_400_000;
export const RETENTION_CHECK_EVERY_MS = 60 * 60 * 1000;

export interface PurgeReport {
  courseId: string;
  retentionDays: number;
  deleted: number;
}

/** Deletes every course's events older than its retention setting; returns what it did, per course. */
export async function purgeActivityLogs(ctx: CommandContext): Promise<PurgeReport[]> {
  const now = ctx.now();
  // No course keeps events for less than the minimum, so older ones are the only candidates.
  const candidates = await ctx.storage.activityLog.coursesWithEventsBefore(new Date(now.getTime() - CARE_LIMITS.retentionDays.min * DAY_MS));
  const reports: PurgeReport[] = [];
  for (const courseId of candidates) {
    const { retentionDays } = await ctx.storage.careSettings.get(courseId, now);
    const deleted = await ctx.storage.activityLog.purgeBefore(courseId, new Date(now.getTime() - retentionDays * DAY_MS), now);
    reports.push({ courseId, retentionDays, deleted });
  }
  return reports;
}

/** Whether events a client asks to replay (those after `afterSeq`) may have been purged. */
export async function replayWasPurged(ctx: CommandContext, courseId: string, afterSeq: number): Promise<boolean> {
  const purge = await ctx.storage.activityLog.findPurge(courseId);
  return purge !== null && afterSeq < purge.purgedThroughSeq;
}

/** Says what a purge removed (agora.ts runs the purge every RETENTION_CHECK_EVERY_MS and logs it here). */
export function logPurge(logger: { info(details: object, message: string): void }, reports: readonly PurgeReport[]): void {
  const deleted = reports.reduce((sum, report) => sum + report.deleted, 0);
  if (deleted > 0) logger.info({ deleted, courses: reports.filter((r) => r.deleted > 0).length }, 'deleted activity logs past their retention');
}
