import { isErased } from '../../domain/care';
import {
  DEFAULT_DIGEST_FREQUENCY, DELIVERY_LOG_KEEP_MS, DIGEST_LOOKBACK_MS, digestCutoff, hotseatItemKey, notificationItemKey, retryDelayMs,
  type DigestFrequency,
} from '../../domain/digest';
import { newId, type Id } from '../../domain/ids';
import type { CommandContext } from '../context';
import { onlyClaimed, visibleSections, type DigestContent } from './content';
import { gatherPending, type PendingForPerson } from './pending';

/**
 * The digest job: agora.ts runs it every DIGEST_TICK_MS; each run mails everyone whose digest is due
 * what is waiting for them. It never sends an item twice, across runs, restarts and processes:
 *
 * 1. Claim before sending. The items of a digest are recorded in the sent log (unique per person
 *    and item) in one step before the email goes; an item another run already claimed is not
 *    claimed again, so of two runs racing (two ticks, two processes) exactly one mails each item.
 * 2. Send, then mark the claim sent.
 * 3. If the send fails (SMTP refused, outbox not writable), the claim is released and the person's
 *    digest waits (5 minutes, doubling, at most 6 hours) before a later run claims and sends it
 *    again. Nothing was delivered, so nothing is duplicated.
 * If the process dies between claiming and marking sent, the claim stays unsent and is never
 * retried: we cannot know whether the SMTP server took the message, and a lost digest item (still
 * on the person's notifications page) is better than a duplicate. Such rows age out with the log.
 *
 * Which items are due is computed from the clock (domain/digest.ts `digestCutoff`), not remembered,
 * so a restart, or a job that was down over 07:00, simply catches up at its next run.
 */
export const DIGEST_TICK_MS = 60 * 1000;
/**
 * Most runs only look at notifications since the previous run (enough for instant digests); every
 * FULL_SCAN_EVERY_MS, after each daily 07:00 and on the first run of a process, a run looks at the
 * whole lookback window (daily and weekly digests, retries after a failure).
 */
const FULL_SCAN_EVERY_MS = 15 * 60 * 1000;
/** Notifications are stamped before their transaction commits: look a little behind the previous run. */
const SCAN_OVERLAP_MS = 5 * 60 * 1000;

export interface DigestJobDeps {
  ctx: CommandContext;
  /** Turns the content into an email and sends it; rejects when the message was not accepted. */
  send(content: DigestContent): Promise<void>;
}

export interface DigestRunReport {
  fullScan: boolean;
  sent: Array<{ personId: Id; items: number }>;
  failed: Array<{ personId: Id; error: string }>;
  purged: number;
}

export interface DigestJob {
  run(): Promise<DigestRunReport>;
}

export function createDigestJob(deps: DigestJobDeps): DigestJob {
  const { ctx } = deps;
  let lastFullScanAt: Date | null = null;
  let lastScanAt: Date | null = null;

  const needsFullScan = (now: Date) => lastFullScanAt === null
    || now.getTime() - lastFullScanAt.getTime() >= FULL_SCAN_EVERY_MS
    || digestCutoff('daily', now)!.getTime() > lastFullScanAt.getTime();

  return {
    async run() {
      const now = ctx.now();
      const fullScan = needsFullScan(now);
      const oldest = now.getTime() - DIGEST_LOOKBACK_MS;
      const from = new Date(fullScan || !lastScanAt ? oldest : Math.max(oldest, lastScanAt.getTime() - SCAN_OVERLAP_MS));
      const pending = await gatherPending(ctx, { from, to: new Date(now.getTime() + 1) }, now);
      const report: DigestRunReport = { fullScan, sent: [], failed: [], purged: 0 };

      const preferences = new Map((await ctx.storage.digests.findPreferences([...pending.keys()])).map((p) => [p.personId, p.frequency]));
      for (const [personId, items] of pending) {
        const chosen = preferences.get(personId);
        const frequency = chosen ?? DEFAULT_DIGEST_FREQUENCY;
        const due = dueItems(items, frequency, now);
        if (due) await mailPerson(deps, { personId, frequency, chosen: chosen !== undefined }, due, now, report);
      }

      if (fullScan) {
        report.purged = await ctx.storage.digests.purgeDeliveriesBefore(new Date(now.getTime() - DELIVERY_LOG_KEEP_MS));
        lastFullScanAt = now;
      }
      lastScanAt = now;
      return report;
    },
  };
}

/** The items that belong in a digest sent now, or null when none do (or the person chose none). */
function dueItems(items: PendingForPerson, frequency: DigestFrequency, now: Date): PendingForPerson | null {
  const cutoff = digestCutoff(frequency, now);
  if (!cutoff) return null;
  const isDue = (key: string) => items.since.get(key)!.getTime() <= cutoff.getTime();
  const notifications = items.notifications.filter((n) => isDue(notificationItemKey(n.id)));
  const hotseats = items.hotseats.filter((h) => isDue(hotseatItemKey(h.id)));
  return notifications.length + hotseats.length > 0 ? { notifications, hotseats, since: items.since } : null;
}

async function mailPerson(
  deps: DigestJobDeps, who: { personId: Id; frequency: DigestFrequency; chosen: boolean }, due: PendingForPerson, now: Date, report: DigestRunReport,
): Promise<void> {
  const { ctx } = deps;
  const { personId } = who;
  const retry = await ctx.storage.digests.findRetry(personId);
  if (retry && retry.retryAfter.getTime() > now.getTime()) return;
  const person = await ctx.storage.people.findById(personId);
  // No address (the LMS did not share it, or the person erased their data): no digest.
  if (!person || !person.email || isErased(person)) return;
  const sections = await visibleSections(ctx, person, due);
  if (sections.length === 0) return;

  const claimId = newId(now.getTime());
  const claimed = await ctx.storage.digests.claim({ personId, claimId, itemKeys: sections.flatMap((s) => s.entries.map((e) => e.key)), at: now });
  if (claimed.length === 0) return;
  const content = onlyClaimed({ person, frequency: who.frequency, chosen: who.chosen, sections }, new Set(claimed));
  try {
    await deps.send(content);
  } catch (error) {
    await ctx.storage.digests.release(personId, claimId);
    const attempts = (retry?.attempts ?? 0) + 1;
    const message = error instanceof Error ? error.message : String(error);
    await ctx.storage.digests.saveRetry({ personId, attempts, retryAfter: new Date(now.getTime() + retryDelayMs(attempts)), lastError: message.slice(0, 500), failedAt: now });
    report.failed.push({ personId, error: message });
    return;
  }
  await ctx.storage.digests.markSent(personId, claimId, ctx.now());
  if (retry) await ctx.storage.digests.clearRetry(personId);
  report.sent.push({ personId, items: claimed.length });
}

/** Says what a run did (agora.ts logs every run's report here). */
export function logDigestRun(logger: { info(details: object, message: string): void; warn(details: object, message: string): void }, report: DigestRunReport): void {
  if (report.sent.length > 0) logger.info({ digests: report.sent.length, items: report.sent.reduce((sum, s) => sum + s.items, 0) }, 'sent email digests');
  for (const failure of report.failed) logger.warn({ personId: failure.personId, error: failure.error }, 'could not send an email digest; it will be retried');
}
