/**
 * The email digests' part of the storage contract (see ports.ts for the rules every adapter
 * keeps): each person's choice, the sent log that makes every item go out at most once, and the
 * back-off after a failed send.
 */
import type { DigestPreference, DigestRecords, DigestRetry } from '../domain/digest';
import type { Id } from '../domain/ids';
import type { Notification } from '../domain/notifications';

export type { DigestRecords } from '../domain/digest';

export interface NotificationWindow {
  /** Created at or after `from` and before `to`. */
  from: Date;
  to: Date;
  /** Keyset paging: only notifications after this one in (createdAt, id) order. */
  after?: { createdAt: Date; id: Id } | null;
  limit: number;
}

export interface DigestClaim {
  personId: Id;
  /** Identifies this run's claim, to mark it sent or release it afterwards. */
  claimId: Id;
  itemKeys: readonly string[];
  at: Date;
}

export interface DigestRepository {
  findPreference(personId: Id): Promise<DigestPreference | null>;
  /** The preferences of those of these people who chose one. */
  findPreferences(personIds: readonly Id[]): Promise<DigestPreference[]>;
  /** Creates or replaces the person's choice. */
  savePreference(preference: DigestPreference): Promise<void>;

  /**
   * Unread notifications (any person, any course) in the window, oldest first by (createdAt, id),
   * at most `limit`, leaving out those already claimed for their person (see `claim`). A page shorter
   * than `limit` means there are no more.
   */
  listUnclaimedNotifications(window: NotificationWindow): Promise<Notification[]>;
  /** Those of these people for whom `itemKey` is already claimed. */
  claimedFor(itemKey: string, personIds: readonly Id[]): Promise<Set<Id>>;
  /**
   * Claims the items for the person, all in one step: each key not yet claimed for this person is
   * recorded with this claim id; keys already claimed (by this run or another, sent or not) are
   * left alone. Returns the keys this call claimed. Two runs racing for the same item: one gets it.
   */
  claim(claim: DigestClaim): Promise<string[]>;
  /** Marks this claim's items sent; returns how many. */
  markSent(personId: Id, claimId: Id, at: Date): Promise<number>;
  /** Forgets this claim's unsent items (the send failed), so a later run may claim them; returns how many. */
  release(personId: Id, claimId: Id): Promise<number>;
  /** Deletes sent-log rows claimed before `cutoff`; returns how many. */
  purgeDeliveriesBefore(cutoff: Date): Promise<number>;

  findRetry(personId: Id): Promise<DigestRetry | null>;
  saveRetry(retry: DigestRetry): Promise<void>;
  clearRetry(personId: Id): Promise<void>;

  /** The person's choice, sent log (oldest first) and back-off. */
  collect(personId: Id): Promise<DigestRecords>;
  /** Deletes all of it; returns how many records went. */
  erase(personId: Id): Promise<number>;
}

export interface DigestRepositories {
  digests: DigestRepository;
}
