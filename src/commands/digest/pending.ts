import { HOTSEAT_HORIZON_MS, hotseatItemKey, notificationItemKey } from '../../domain/digest';
import { phaseAt, type Hotseat } from '../../domain/hotseat';
import type { Id } from '../../domain/ids';
import type { CommandContext } from '../context';
import type { PendingItems } from './content';

/**
 * What could go into someone's digest and has not been claimed for them yet: unread notifications
 * created in the window, and hotseats starting within the horizon, for every member of their
 * course. Each item carries the moment it became news (`since`), which decides which digest it
 * belongs to (domain/digest.ts `digestCutoff`).
 */
const PAGE = 500;

export interface PendingForPerson extends PendingItems {
  /** When each item became news, by item key. */
  since: Map<string, Date>;
}

export async function gatherPending(ctx: CommandContext, window: { from: Date; to: Date }, now: Date): Promise<Map<Id, PendingForPerson>> {
  const byPerson = new Map<Id, PendingForPerson>();
  const entry = (personId: Id) => {
    let pending = byPerson.get(personId);
    if (!pending) byPerson.set(personId, (pending = { notifications: [], hotseats: [], since: new Map() }));
    return pending;
  };

  let after: { createdAt: Date; id: Id } | null = null;
  for (;;) {
    const page = await ctx.storage.digests.listUnclaimedNotifications({ ...window, after, limit: PAGE });
    for (const n of page) {
      const pending = entry(n.personId);
      pending.notifications.push(n);
      pending.since.set(notificationItemKey(n.id), n.createdAt);
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }

  for (const hotseat of await upcomingHotseats(ctx, now)) {
    const key = hotseatItemKey(hotseat.id);
    const members = (await ctx.storage.memberships.listByCourse(hotseat.courseId)).map((m) => m.personId);
    const claimed = await ctx.storage.digests.claimedFor(key, members);
    // News once it is published and within the horizon, whichever comes later.
    const since = new Date(Math.max(hotseat.publishedAt!.getTime(), hotseat.startsAt.getTime() - HOTSEAT_HORIZON_MS));
    for (const personId of members) {
      if (claimed.has(personId)) continue;
      const pending = entry(personId);
      pending.hotseats.push(hotseat);
      pending.since.set(key, since);
    }
  }
  return byPerson;
}

/** Published hotseats not started yet that start within the horizon (a handful across the whole store). */
async function upcomingHotseats(ctx: CommandContext, now: Date): Promise<Hotseat[]> {
  const horizon = now.getTime() + HOTSEAT_HORIZON_MS;
  return (await ctx.storage.hotseats.listUnsettled()).filter((hotseat) => {
    const phase = phaseAt(hotseat, now);
    return (phase === 'scheduled' || phase === 'collecting') && hotseat.startsAt.getTime() <= horizon;
  });
}
