/**
 * The alumni space's part of the storage contract (see ports.ts for the rules every adapter keeps):
 * communities, what Agora knows of each LMS course for them (facts from launches, link, graduation),
 * alumni and departures, opt-in profiles, email sign-in, scheduled prompts and "Ask alumni" questions.
 * Every state a scheduled job depends on is here, so a restart never repeats or loses work.
 */
import type {
  AlumniCourse, AlumniProfile, AlumniQuestion, Alumnus, Community, EmailSignIn, Prompt, SignInLink,
} from '../domain/alumni';
import type { Id } from '../domain/ids';

export interface CommunityRepository {
  /** Rejects a second community with the same join code or space course. */
  create(community: Community): Promise<void>;
  findById(id: Id): Promise<Community | null>;
  findBySpaceCourse(courseId: Id): Promise<Community | null>;
  /** Join codes match whatever their case. */
  findByJoinCode(code: string): Promise<Community | null>;
  listByIds(ids: readonly Id[]): Promise<Community[]>;
  update(id: Id, patch: Partial<Pick<Community, 'name' | 'learnerAccess' | 'quietDays'>>): Promise<Community | null>;
}

export interface AlumniCourseRepository {
  /**
   * Records what a launch said about the course. A launch without an end date, lineage or term
   * keeps the one an earlier launch gave (platforms omit custom parameters on some messages).
   */
  recordFacts(courseId: Id, facts: { endsAt: Date | null; copiedFrom: string[]; term: string | null; now: Date }): Promise<AlumniCourse>;
  find(courseId: Id): Promise<AlumniCourse | null>;
  /**
   * Links the course to the community, unless it is already linked to one (a course belongs to one
   * community). True when this call linked it.
   */
  link(courseId: Id, link: { communityId: Id; cohortLabel: string; by: Id; now: Date }): Promise<boolean>;
  setCohortLabel(courseId: Id, cohortLabel: string, now: Date): Promise<void>;
  /** Courses linked to the community, in the order they were linked. */
  listByCommunity(communityId: Id): Promise<AlumniCourse[]>;
  /** Linked, not yet graduated courses whose end date is at or before `now`, earliest end first. */
  listDueForGraduation(now: Date, limit: number): Promise<Id[]>;
  /** Marks the course graduated unless it already is (atomic). True when this call did it. */
  markGraduated(courseId: Id, at: Date, by: Id | null): Promise<boolean>;
  /**
   * The first of these LMS contexts (same issuer and client) that is linked to a community, in the
   * order given, with its community: where a copied course's suggestion comes from.
   */
  findLinkedByContext(issuer: string, clientId: string, contextIds: readonly string[]): Promise<AlumniCourse | null>;
  /** Communities with a linked course this person is active staff of (their role from launches or the roster). */
  communitiesStaffedBy(personId: Id): Promise<Id[]>;
}

export interface AlumnusRepository {
  /** Adds the alumni records that do not exist yet (same community, person and course); returns how many were new. */
  add(records: readonly Alumnus[]): Promise<number>;
  /** The person's cohorts in the community, oldest first. */
  listForPerson(communityId: Id, personId: Id): Promise<Alumnus[]>;
  /** Every alumni record of the person, in every community. */
  listAllForPerson(personId: Id): Promise<Alumnus[]>;
  countByCourse(courseId: Id): Promise<number>;
  /** Records that the person left the community; leaving twice keeps the first time. */
  recordDeparture(communityId: Id, personId: Id, at: Date): Promise<void>;
  findDeparture(communityId: Id, personId: Id): Promise<Date | null>;
  /** Those of `personIds` who left the community whose space course is `courseId` (empty for any other course). */
  formerMembersAmong(courseId: Id, personIds: readonly Id[]): Promise<Set<Id>>;
  /** Ends the person's membership of the space course (they no longer appear among its members). */
  removeSpaceMembership(courseId: Id, personId: Id, at: Date): Promise<void>;
  setMentor(communityId: Id, personId: Id, mentor: boolean, at: Date): Promise<void>;
  isMentor(communityId: Id, personId: Id): Promise<boolean>;
  listMentors(communityId: Id): Promise<Id[]>;
}

export interface EndorsedAnswer {
  replyId: Id;
  threadId: Id;
  threadTitle: string;
  endorsedAt: Date;
}

export interface AlumniProfileRepository {
  find(communityId: Id, personId: Id): Promise<AlumniProfile | null>;
  /** Creates or replaces the profile. */
  save(profile: AlumniProfile): Promise<void>;
  delete(communityId: Id, personId: Id): Promise<boolean>;
  /** Profiles their owners turned on, by display name. */
  listVisible(communityId: Id): Promise<AlumniProfile[]>;
  /**
   * The person's answers in the course that staff endorsed and that carry their name (anonymous
   * ones never, so a profile cannot unmask them), neither deleted nor hidden, newest first.
   */
  endorsedNamedAnswers(courseId: Id, personId: Id, limit: number): Promise<EndorsedAnswer[]>;
}

export interface SignInRepository {
  /** Creates or refreshes the person's consent with the address the LMS shares now. */
  optIn(consent: EmailSignIn): Promise<void>;
  optOut(personId: Id): Promise<void>;
  findOptIn(personId: Id): Promise<EmailSignIn | null>;
  /** Consents given with this address (compared lower-case). */
  listOptInsByEmail(email: string): Promise<EmailSignIn[]>;
  createLink(link: SignInLink): Promise<void>;
  findLink(tokenHash: string): Promise<SignInLink | null>;
  /**
   * Marks the link used and returns it, in one atomic step, if it is unused and not expired at `now`:
   * of several callers racing with the same link, at most one gets it.
   */
  consumeLink(tokenHash: string, now: Date): Promise<SignInLink | null>;
  /** Deletes links that expired before `before` (used ones included); returns how many. */
  deleteLinksExpiredBefore(before: Date): Promise<number>;
  /** Links sent to the person since `since` (a limit on how often one can ask). */
  countLinksSince(personId: Id, since: Date): Promise<number>;
}

export interface PromptRepository {
  create(prompt: Prompt): Promise<void>;
  findById(id: Id): Promise<Prompt | null>;
  /** The community's prompts, next due first, then the finished ones. */
  listByCommunity(communityId: Id): Promise<Prompt[]>;
  /** Prompts due at `now` (not cancelled), earliest first. */
  listDue(now: Date, limit: number): Promise<Prompt[]>;
  /**
   * Claims one occurrence: moves `nextPostAt` from `expected` to `next` and records the thread, only
   * if it still is `expected` (atomic). Run in the transaction that creates the thread, so the
   * occurrence is posted exactly once. True when this caller claimed it.
   */
  claimOccurrence(id: Id, expected: Date, next: Date | null, posted: { at: Date; threadId: Id }): Promise<boolean>;
  cancel(id: Id, at: Date): Promise<boolean>;
}

export interface AlumniQuestionRepository {
  create(question: AlumniQuestion): Promise<void>;
  /** Newest first. */
  listByCommunity(communityId: Id, limit: number): Promise<AlumniQuestion[]>;
}
