import type { Id } from './ids';

/**
 * Email digests: each person chooses how often Agora emails them what is waiting for them
 * (notifications they have not read, upcoming hotseats in their courses). The choice is one per
 * person, across all their courses: it is about their inbox, not about a course.
 */
export const DIGEST_FREQUENCIES = ['instant', 'daily', 'weekly', 'none'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/**
 * Someone who never chose gets a weekly digest. Communities die when people stop coming back, and
 * one short email a week is what brings them back without feeling like spam; instant or daily mail
 * would be noisy for someone who never asked for it, and "none" would leave the replies to their
 * questions unseen. Every digest carries a one-click unsubscribe link.
 */
export const DEFAULT_DIGEST_FREQUENCY: DigestFrequency = 'weekly';

/** Daily digests go out at 07:00 UTC; weekly ones on Mondays at 07:00 UTC (the same for everyone). */
export const DIGEST_HOUR_UTC = 7;
/** Monday, as Date#getUTCDay counts. */
export const DIGEST_WEEKDAY_UTC = 1;

/** Items older than this are not mailed any more: the person will see them in Agora. */
export const DIGEST_LOOKBACK_MS = 14 * 86_400_000;
/** A hotseat is announced once it starts within this time (a weekly digest covers the week ahead). */
export const HOTSEAT_HORIZON_MS = 8 * 86_400_000;
/** Sent-log rows older than this can never match a candidate again (lookback + horizon, with room to spare). */
export const DELIVERY_LOG_KEEP_MS = 60 * 86_400_000;

export interface DigestPreference {
  personId: Id;
  frequency: DigestFrequency;
  updatedAt: Date;
}

/**
 * One line of the sent log: this item was claimed for this person by one run of the job (claimId),
 * and sent when `sentAt` is set. (personId, itemKey) is unique, which is what makes an item go out
 * at most once, whatever runs race or restart.
 */
export interface DigestDelivery {
  personId: Id;
  itemKey: string;
  claimId: Id;
  claimedAt: Date;
  sentAt: Date | null;
}

/** After a failed send, the person's digest waits until `retryAfter` (growing with each attempt). */
export interface DigestRetry {
  personId: Id;
  attempts: number;
  retryAfter: Date;
  lastError: string;
  failedAt: Date;
}

/** Everything the digests hold about one person (for their personal export). */
export interface DigestRecords {
  preference: DigestPreference | null;
  deliveries: DigestDelivery[];
  retry: DigestRetry | null;
}

export const notificationItemKey = (notificationId: Id) => `notification:${notificationId}`;
export const hotseatItemKey = (hotseatId: Id) => `hotseat:${hotseatId}`;

/**
 * The moment up to which items are due in a digest of this frequency at `now`: items that appeared
 * before it go out now, later ones wait for the next one. Instant: everything so far. Daily: the
 * last 07:00 UTC. Weekly: the last Monday 07:00 UTC. None: never. Computed from the clock alone, so
 * a restart (or a job that was down over 07:00) needs no remembered state: the next tick catches up.
 */
export function digestCutoff(frequency: DigestFrequency, now: Date): Date | null {
  if (frequency === 'none') return null;
  if (frequency === 'instant') return now;
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC));
  if (cutoff.getTime() > now.getTime()) cutoff.setUTCDate(cutoff.getUTCDate() - 1);
  if (frequency === 'weekly') {
    const daysBack = (cutoff.getUTCDay() - DIGEST_WEEKDAY_UTC + 7) % 7;
    cutoff.setUTCDate(cutoff.getUTCDate() - daysBack);
  }
  return cutoff;
}

/** Waits after failed sends: 5 minutes, then doubling, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5 * 60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}
