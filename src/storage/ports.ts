/**
 * The storage contract. Commands depend on these interfaces only; each adapter (sqlite/, mongo/)
 * implements all of them and passes the one suite in tests/contract/.
 * Rules every adapter keeps:
 * - dates go in and come out as Date objects in UTC;
 * - `find*` returns null when nothing matches, `list*` returns [] (never throws for "not found");
 * - methods on the object handed to `transaction(work)` run inside that transaction.
 */
import type { Course, CourseKey } from '../domain/course';
import type { CourseEvent, StoredCourseEvent } from '../domain/events';
import type { Id } from '../domain/ids';
import type { Deployment, LaunchState, Session } from '../domain/launch';
import type { Membership } from '../domain/membership';
import type { Person } from '../domain/person';
import type { CareRepositories } from './care-ports';
import type { DigestRepositories } from './digest-ports';
import type {
  CourseSettingsRepository, FollowRepository, NotificationRepository, PseudonymRepository, ReadStateRepository,
  ReplyRepository, ReportRepository, RevisionRepository, SearchRepository, TagRepository, ThreadRepository, VoteRepository,
} from './discussion-ports';
import type {
  HotseatFollowUpRepository, HotseatHostRepository, HotseatInvitationRepository, HotseatQuestionRepository, HotseatRepository,
  HotseatVoteRepository,
} from './hotseat-ports';
import type {
  AlumniCourseRepository, AlumniProfileRepository, AlumniQuestionRepository, AlumnusRepository, CommunityRepository, PromptRepository,
  SignInRepository,
} from './alumni-ports';

export interface CourseRepository {
  /** Creates the course on its first launch, or refreshes its title and label; returns the stored course. */
  upsertByKey(key: CourseKey, details: { id: Id; title: string; label: string | null; now: Date }): Promise<Course>;
  findById(id: Id): Promise<Course | null>;
}

export interface PersonRepository {
  /** Creates the person on first launch, or refreshes the details the platform shared this time. */
  upsertByIdentity(
    identity: { issuer: string; subject: string },
    details: {
      id: Id; name: string | null; givenName: string | null; familyName: string | null; email: string | null; now: Date;
      /** The launch's locale (null: it sent none); left as stored when absent (roster sync, guest invitations). */
      locale?: string | null;
    },
  ): Promise<Person>;
  findById(id: Id): Promise<Person | null>;
  findByIds(ids: readonly Id[]): Promise<Person[]>;
}

export interface MembershipRepository {
  /**
   * Records a launch: creates the membership or updates role, LTI roles and last launch time. A launch
   * proves current enrolment, so it also clears a roster removal and turns a roster-only member into one who launched.
   */
  recordLaunch(input: Pick<Membership, 'courseId' | 'personId' | 'role' | 'ltiRoles'> & { now: Date }): Promise<Membership>;
  find(courseId: Id, personId: Id): Promise<Membership | null>;
  /** Every current member of the course (for mentions and the people list), in the order they joined; members the roster removed are left out (as in countByCourse). */
  listByCourse(courseId: Id): Promise<Membership[]>;
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

export type {
  Page, ThreadQuery, ThreadSort, ThreadPatch, ThreadCounter, ThreadRepository, ReplyPatch, ReplyRepository,
  RevisionRepository, VoteRepository, TagRepository, FollowRepository, ReadStateRepository, NotificationRepository,
  ReportRepository, CourseSettingsRepository, PseudonymRepository, SearchDocument, SearchHit, SearchRepository,
} from './discussion-ports';
export { SEARCH_MARK } from './discussion-ports';

export interface Repositories extends CareRepositories, DigestRepositories {
  courses: CourseRepository;
  people: PersonRepository;
  memberships: MembershipRepository;
  sessions: SessionRepository;
  launchStates: LaunchStateRepository;
  deployments: DeploymentRepository;
  threads: ThreadRepository;
  replies: ReplyRepository;
  revisions: RevisionRepository;
  votes: VoteRepository;
  tags: TagRepository;
  follows: FollowRepository;
  readState: ReadStateRepository;
  notifications: NotificationRepository;
  reports: ReportRepository;
  settings: CourseSettingsRepository;
  pseudonyms: PseudonymRepository;
  search: SearchRepository;
  events: CourseEventRepository;
  ltiTickets: LtiTicketRepository;
  ltiServices: CourseLtiServicesRepository;
  roster: RosterRepository;
  // Participation grades (grades-ports.ts).
  participation: ParticipationRepository;
  participationGrades: ParticipationGradeRepository;
  hotseats: HotseatRepository;
  hotseatHosts: HotseatHostRepository;
  hotseatInvitations: HotseatInvitationRepository;
  hotseatQuestions: HotseatQuestionRepository;
  hotseatVotes: HotseatVoteRepository;
  hotseatFollowUps: HotseatFollowUpRepository;
  // The alumni space (alumni-ports.ts).
  communities: CommunityRepository;
  alumniCourses: AlumniCourseRepository;
  alumni: AlumnusRepository;
  alumniProfiles: AlumniProfileRepository;
  signIn: SignInRepository;
  prompts: PromptRepository;
  alumniQuestions: AlumniQuestionRepository;
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

// LTI Advantage (tickets, course services and roster sync, the roster view of memberships).
import type { CourseLtiServicesRepository, LtiTicketRepository, RosterRepository } from './lti-ports';
export type {
  CourseLtiServices, CourseLtiServicesRepository, LtiTicket, LtiTicketKind, LtiTicketRepository, RosterRepository,
  RosterSyncResult, RosterSyncState,
} from './lti-ports';

// Participation grades: what counts, each course's rubric and the state of sending scores to the LMS.
import type { ParticipationGradeRepository, ParticipationRepository } from './grades-ports';
