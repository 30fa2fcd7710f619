/**
 * The LTI Advantage part of the storage contract (see ports.ts for the rules every adapter keeps):
 * short-lived tickets for flows that span several requests, the service endpoints a course's
 * launches told Agora about (with the roster sync's state), and the roster view of memberships.
 */
import type { Id } from '../domain/ids';
import type { CourseRole, Membership } from '../domain/membership';

/**
 * What a ticket is for. Each flow reads its own kind only, so a ticket issued for one flow can never
 * be presented to another.
 * - login: what a login request carried (hints, platform-storage target), for the launch that answers it;
 * - deep-link: a deep-linking request waiting for staff to pick an item;
 * - handoff: a verified launch waiting to be opened in a new window (third-party cookies blocked);
 * - registration-invite: an administrator's permission for one dynamic registration.
 */
export type LtiTicketKind = 'login' | 'deep-link' | 'handoff' | 'registration-invite';

export interface LtiTicket {
  kind: LtiTicketKind;
  /** Unique within its kind: a random secret, or the hash of one handed out. */
  id: string;
  /** Plain JSON; each flow checks it with its own schema when it reads it back. */
  data: Record<string, unknown>;
  createdAt: Date;
  expiresAt: Date;
}

export interface LtiTicketRepository {
  /** Stores a new ticket; an id already used for this kind is refused (rejects). */
  create(ticket: LtiTicket): Promise<void>;
  /** The ticket if it exists and has not expired at `now`; it stays. */
  find(kind: LtiTicketKind, id: string, now: Date): Promise<LtiTicket | null>;
  /**
   * Removes and returns the ticket in one atomic step: of several callers racing with the same id,
   * at most one gets it. An expired ticket is removed too, and not returned.
   */
  take(kind: LtiTicketKind, id: string, now: Date): Promise<LtiTicket | null>;
  deleteExpired(now: Date): Promise<number>;
}

/** Where the roster sync of a course stands; shown to staff. */
export interface RosterSyncState {
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  /** The sentence describing the last failure; null after a success. */
  lastError: string | null;
  /** Active members the last successful sync saw. */
  memberCount: number | null;
  /** A sync is running (in some process) until this time, unless it finishes first. */
  claimedUntil: Date | null;
}

/**
 * The LTI services a course's launches told Agora about, kept so that roster (and later grade) work
 * can run weeks after the last launch: the platform identity and the service URLs, not a token.
 */
export interface CourseLtiServices {
  courseId: Id;
  issuer: string;
  clientId: string;
  deploymentId: string;
  /** Names and Role Provisioning: the context memberships URL, or null when the LMS offers none. */
  membershipsUrl: string | null;
  /** Assignment and Grade Services at course level: the line items URL and the scopes granted. */
  lineItemsUrl: string | null;
  gradeScopes: string[];
  updatedAt: Date;
  roster: RosterSyncState;
}

export type RosterSyncResult =
  | { ok: true; at: Date; memberCount: number }
  | { ok: false; at: Date; error: string };

export interface CourseLtiServicesRepository {
  /**
   * Records the endpoints the latest launch carried. A launch without a service claim does not erase
   * an endpoint an earlier launch gave (Moodle omits the claims from some message types).
   */
  recordEndpoints(input: {
    courseId: Id; issuer: string; clientId: string; deploymentId: string;
    membershipsUrl: string | null; lineItemsUrl: string | null; gradeScopes: string[]; now: Date;
  }): Promise<CourseLtiServices>;
  find(courseId: Id): Promise<CourseLtiServices | null>;
  /** Courses with a roster service whose last sync attempt is before `staleBefore` (or never), oldest first. */
  listDueForRosterSync(staleBefore: Date, limit: number): Promise<Id[]>;
  /**
   * Claims the course's roster sync until `until`, unless another claim is still running at `now`.
   * Atomic, so two processes never sync the same course at once. True when this caller got it.
   */
  claimRosterSync(courseId: Id, now: Date, until: Date): Promise<boolean>;
  /** Records how a sync ended and releases the claim. */
  recordRosterSync(courseId: Id, result: RosterSyncResult): Promise<void>;
}

/**
 * The course roster as the LMS reports it, kept in the same membership records as launches:
 * someone listed before their first launch has `source: 'roster'`; someone the LMS stops listing
 * gets a `removedAt` and loses access until the LMS lists them again or they launch again.
 */
export interface RosterRepository {
  /**
   * Adds or refreshes a member the roster lists: sets role and LTI roles and clears any removal.
   * Launch times of someone who has launched are left alone.
   */
  upsertListed(input: { courseId: Id; personId: Id; role: CourseRole; ltiRoles: string[]; now: Date }): Promise<Membership>;
  /** Marks every member of the course not in `keep` as removed at `now`; already removed ones keep their time. Returns how many it marked. */
  markRemovedExcept(courseId: Id, keep: readonly Id[], now: Date): Promise<number>;
  /** Members of the course, removed ones included when asked, in the order they joined. */
  listMembers(courseId: Id, options: { includeRemoved: boolean }): Promise<Membership[]>;
}
