/**
 * The storage contract. Commands depend on these interfaces only; each adapter (sqlite/, mongo/)
 * implements all of them and passes the one suite in tests/contract/.
 * Rules every adapter keeps:
 * - dates go in and come out as Date objects in UTC;
 * - `find*` returns null when nothing matches, `list*` returns [] (never throws for "not found");
 * - methods on the object handed to `transaction(work)` run inside that transaction.
 */
import type { Course, CourseKey } from '../domain/course';
import type { Reply, Thread } from '../domain/discussion';
import type { CourseEvent, StoredCourseEvent } from '../domain/events';
import type { Id } from '../domain/ids';
import type { Deployment, LaunchState, Session } from '../domain/launch';
import type { Membership } from '../domain/membership';
import type { Person } from '../domain/person';

export interface CourseRepository {
  /** Creates the course on its first launch, or refreshes its title and label; returns the stored course. */
  upsertByKey(key: CourseKey, details: { id: Id; title: string; label: string | null; now: Date }): Promise<Course>;
  findById(id: Id): Promise<Course | null>;
}

export interface PersonRepository {
  /** Creates the person on first launch, or refreshes the details the platform shared this time. */
  upsertByIdentity(
    identity: { issuer: string; subject: string },
    details: { id: Id; name: string | null; givenName: string | null; familyName: string | null; email: string | null; now: Date },
  ): Promise<Person>;
  findById(id: Id): Promise<Person | null>;
  findByIds(ids: readonly Id[]): Promise<Person[]>;
}

export interface MembershipRepository {
  /** Records a launch: creates the membership or updates role, LTI roles and last launch time. */
  recordLaunch(input: Pick<Membership, 'courseId' | 'personId' | 'role' | 'ltiRoles'> & { now: Date }): Promise<Membership>;
  find(courseId: Id, personId: Id): Promise<Membership | null>;
  countByCourse(courseId: Id): Promise<number>;
}

export interface SessionRepository {
  create(session: Session): Promise<void>;
  /** The session with this token hash if it has not expired at `now`. */
  findActive(tokenHash: string, now: Date): Promise<Session | null>;
  delete(tokenHash: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
}

export interface LaunchStateRepository {
  create(state: LaunchState): Promise<void>;
  /**
   * Removes and returns the state in one atomic step, so that two requests racing with the same
   * state (or two processes) can never both succeed. Expired states are never returned.
   */
  consume(state: string, now: Date): Promise<LaunchState | null>;
  deleteExpired(now: Date): Promise<number>;
}

export interface DeploymentRepository {
  /** Adds the deployment; adding one that exists is not an error. */
  add(deployment: Omit<Deployment, 'createdAt'> & { now: Date }): Promise<void>;
  exists(issuer: string, clientId: string, deploymentId: string): Promise<boolean>;
  listForPlatform(issuer: string, clientId: string): Promise<Deployment[]>;
  listAll(): Promise<Deployment[]>;
  /** Removes one deployment, or every deployment of the platform when deploymentId is omitted. Returns how many. */
  remove(issuer: string, clientId: string, deploymentId?: string): Promise<number>;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `before` to get the next (older) page; null when there is nothing more. */
  nextCursor: string | null;
}

export interface ThreadRepository {
  create(thread: Thread): Promise<void>;
  findById(courseId: Id, threadId: Id): Promise<Thread | null>;
  /** Threads by most recent activity first. */
  listByActivity(courseId: Id, options: { limit: number; before?: string | null }): Promise<Page<Thread>>;
  countByCourse(courseId: Id): Promise<number>;
  /** When the course's room last saw a thread or a reply, or null if never. */
  lastActivityAt(courseId: Id): Promise<Date | null>;
  /** A reply was added: bump the count and the activity time. */
  recordReply(courseId: Id, threadId: Id, at: Date): Promise<void>;
}

export interface ReplyRepository {
  create(reply: Reply): Promise<void>;
  findById(courseId: Id, replyId: Id): Promise<Reply | null>;
  /** Replies in the order they were written. */
  listByThread(courseId: Id, threadId: Id, options: { limit: number; after?: Id | null }): Promise<Reply[]>;
}

export interface CourseEventRepository {
  /**
   * Appends the event and returns it with its sequence number, strictly increasing across the store
   * and visible in that order: a reader never later finds an event numbered below one it has seen.
   */
  append(event: CourseEvent, now: Date): Promise<StoredCourseEvent>;
  /** Events of the course with seq > afterSeq, oldest first, at most `limit`. */
  listAfter(courseId: Id, afterSeq: number, limit: number): Promise<StoredCourseEvent[]>;
  /** The newest seq of the course, 0 if it has no events yet. */
  latestSeq(courseId: Id): Promise<number>;
}

export interface Repositories {
  courses: CourseRepository;
  people: PersonRepository;
  memberships: MembershipRepository;
  sessions: SessionRepository;
  launchStates: LaunchStateRepository;
  deployments: DeploymentRepository;
  threads: ThreadRepository;
  replies: ReplyRepository;
  events: CourseEventRepository;
}

/** What an adapter can or cannot do, declared once so shared code never asks which adapter it has. */
export interface StorageCapabilities {
  /** Full-text search over posts is available (SQLite FTS5; a MongoDB text index). */
  fullTextSearch: boolean;
  /** True when several Agora processes may share this store safely. */
  multiProcess: boolean;
}

/**
 * How ltijs keeps its own data (platforms, keys, tokens) in the same store:
 * either a database plugin object, or a MongoDB URL for ltijs's built-in mongoose models.
 */
export type LtiStoreConfig = { plugin: object } | { url: string };

export interface Storage extends Repositories {
  readonly kind: 'sqlite' | 'mongo';
  readonly capabilities: StorageCapabilities;
  readonly ltiStore: LtiStoreConfig;
  /**
   * Runs `work` all-or-nothing; rethrows its error after rolling back. `work` may run more than once
   * (MongoDB retries transient write conflicts), so it must have no effects outside the store, and
   * it must await its `tx` operations one after another (a MongoDB session allows no parallel ones).
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Resolves when the store answers; rejects with the reason otherwise. */
  ping(): Promise<void>;
  /** Deletes expired sessions and launch states, and LTI tokens where the adapter keeps them; returns how many. */
  purgeExpired(now: Date): Promise<number>;
  close(): Promise<void>;
}
