/**
 * The community-care part of the storage contract (see ports.ts for the rules every adapter keeps):
 * staff's care settings, the unanswered-question queue and routing, champions, expertise counts,
 * the aggregate figures behind instructor insights, the activity-log retention purge, and a
 * person's own data (collect and erase). Figures are computed by the store (grouped counts), never
 * by loading every post into the application.
 */
import type {
  ActivityPurge, CareSettings, Champion, EndorsedAnswerCount, QuestionRouting, UnansweredQuestion,
} from '../domain/care';
import type { Anonymity, PostKind, PostRevision } from '../domain/discussion';
import type { Id } from '../domain/ids';
import type { Membership } from '../domain/membership';
import type { Notification, Report } from '../domain/notifications';

export interface CareSettingsRepository {
  /** The course's care settings, or the defaults when staff never changed them. */
  get(courseId: Id, now: Date): Promise<CareSettings>;
  save(settings: CareSettings): Promise<void>;
}

export interface UnansweredQuestionRepository {
  /** Questions of the course that are not resolved, deleted or hidden, the longest-waiting first. */
  list(courseId: Id, limit: number): Promise<UnansweredQuestion[]>;
  /** How many there are, and how many of them were asked before `overdueBefore`. */
  count(courseId: Id, overdueBefore: Date): Promise<{ total: number; overdue: number }>;
}

export interface QuestionRoutingRepository {
  /** Records the routing unless this person was already asked about this question; true when it was recorded now. */
  add(routing: QuestionRouting): Promise<boolean>;
  /** The routings of these threads of the course, oldest first. */
  listForThreads(courseId: Id, threadIds: readonly Id[]): Promise<QuestionRouting[]>;
  /** Every routing to this person, in any course, oldest first. */
  listForPerson(personId: Id): Promise<QuestionRouting[]>;
}

/**
 * Which staff-endorsed answers count: top-level replies with an endorsement, neither deleted nor
 * hidden, in threads neither deleted nor hidden, written with one of `anonymity`.
 */
export interface EndorsedAnswerFilter {
  anonymity: readonly Anonymity[];
  /** Only answers in threads carrying at least one of these tags (per-tag counts: only these tags). */
  tagIds?: readonly Id[];
  /** Only this author's answers. */
  personId?: Id;
}

export interface ExpertiseRepository {
  /** Counted per author and tag of the answer's thread; an untagged thread's answers under tagId null. */
  countByTag(courseId: Id, filter: EndorsedAnswerFilter): Promise<EndorsedAnswerCount[]>;
  /** Counted once per author (an answer in a thread with two matching tags counts once), most answers first. */
  countByAuthor(courseId: Id, filter: EndorsedAnswerFilter): Promise<Array<{ personId: Id; answers: number }>>;
}

export interface ChampionRepository {
  /** Marks the person; marking a champion again changes nothing. */
  add(champion: Champion): Promise<void>;
  remove(courseId: Id, personId: Id): Promise<boolean>;
  isChampion(courseId: Id, personId: Id): Promise<boolean>;
  /** In the order they were marked. */
  listByCourse(courseId: Id): Promise<Champion[]>;
  listForPerson(personId: Id): Promise<Champion[]>;
}

/** Consecutive periods of equal length starting at `start` (e.g. twelve weeks). */
export interface Buckets {
  start: Date;
  bucketMs: number;
  buckets: number;
}

export interface InsightsRepository {
  /**
   * Threads, replies (comments included) and votes created in each period, one number per bucket.
   * Posts later deleted or hidden still count (they were participation); a vote taken back does not.
   */
  activityPerBucket(courseId: Id, buckets: Buckets): Promise<{ threads: number[]; replies: number[]; votes: number[] }>;
  /** The people who started a thread or replied (with one of `anonymity`) or voted in the course since `since`. */
  participantsSince(courseId: Id, since: Date, anonymity: readonly Anonymity[]): Promise<Id[]>;
  /**
   * For each question asked since `since` (not deleted or hidden): the time until its first answer
   * by someone other than the asker (not deleted or hidden); and how many questions have none yet.
   */
  firstAnswerDelays(courseId: Id, since: Date): Promise<{ delaysMs: number[]; withoutAnswer: number }>;
  /**
   * Hotseat questions asked in each period, one number per bucket. Every question asked counts,
   * including those later withdrawn, declined, merged or hidden (they were participation).
   */
  hotseatQuestionsPerBucket(courseId: Id, buckets: Buckets): Promise<number[]>;
  /** The people who asked a hotseat question (with one of `anonymity`) or voted on one in the course since `since`. */
  hotseatParticipantsSince(courseId: Id, since: Date, anonymity: readonly Anonymity[]): Promise<Id[]>;
}

export interface ActivityLogRepository {
  /** Courses that have course events created before `cutoff`. */
  coursesWithEventsBefore(cutoff: Date): Promise<Id[]>;
  /**
   * Deletes the course's events created before `cutoff`, except the course's newest event (which
   * keeps `latestSeq` meaningful), records what was purged, and returns how many it deleted.
   */
  purgeBefore(courseId: Id, cutoff: Date, now: Date): Promise<number>;
  findPurge(courseId: Id): Promise<ActivityPurge | null>;
}

/** A post as its author's personal export shows it. */
export interface AuthoredPost {
  postKind: PostKind;
  id: Id;
  courseId: Id;
  threadId: Id;
  parentId: Id | null;
  /** Threads only: discussion, question or announcement. */
  threadKind: string | null;
  title: string | null;
  bodySource: string;
  anonymity: Anonymity;
  hidden: boolean;
  endorsed: boolean;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

/** Everything the discussion room's tables hold about one person (see commands/privacy/). */
export interface PersonalRecords {
  memberships: Membership[];
  posts: AuthoredPost[];
  revisions: PostRevision[];
  votes: Array<{ courseId: Id; postKind: PostKind; postId: Id; createdAt: Date }>;
  follows: Array<{ courseId: Id; threadId: Id; createdAt: Date }>;
  reads: Array<{ courseId: Id; threadId: Id; lastReadAt: Date }>;
  visits: Array<{ courseId: Id; lastVisitAt: Date }>;
  notifications: Notification[];
  reports: Report[];
  policyAcceptances: Array<{ courseId: Id; policyVersion: number; acceptedAt: Date }>;
  pseudonyms: Array<{ courseId: Id; name: string }>;
  sessions: Array<{ createdAt: Date; expiresAt: Date }>;
  /** Hotseat questions they asked (any status), with the answer they got. */
  hotseatQuestions: Array<{
    courseId: Id; hotseatId: Id; id: Id; bodySource: string; anonymity: Anonymity; status: string; hidden: boolean;
    answerSource: string | null; createdAt: Date; editedAt: Date | null;
  }>;
  hotseatFollowUps: Array<{ courseId: Id; hotseatId: Id; questionId: Id; id: Id; bodySource: string; anonymity: Anonymity; createdAt: Date }>;
  hotseatVotes: Array<{ courseId: Id; hotseatId: Id; questionId: Id; createdAt: Date }>;
  /** Answers they gave as a host: the answer only, never who asked. */
  hotseatAnswers: Array<{ courseId: Id; hotseatId: Id; questionId: Id; answerSource: string | null; answeredAt: Date }>;
  /** Hotseats they hosted, with the guest introduction they wrote. */
  hotseatHosting: Array<{ courseId: Id; hotseatId: Id; kind: 'staff' | 'guest'; bio: string | null; addedAt: Date }>;
  /** Alumni communities they belong to, by cohort. */
  alumni: Array<{ communityId: Id; courseId: Id; cohortLabel: string; graduatedAt: Date }>;
  alumniProfiles: Array<{ communityId: Id; visible: boolean; displayName: string; bio: string; tags: string[]; happyToBeAsked: boolean; updatedAt: Date }>;
  /** Participation scores Agora sent to the LMS gradebook for them. */
  gradePushes: Array<{ courseId: Id; scoreGiven: number; scoreMaximum: number; pushedAt: Date }>;
}

/** How many records of each kind an erasure removed. */
export type ErasureCounts = Record<'sessions' | 'memberships' | 'notifications' | 'follows' | 'reads' | 'visits' | 'votes' | 'policyAcceptances' | 'champions' | 'routings'
  | 'hotseatVotes' | 'hostBios' | 'alumniProfiles' | 'mentors' | 'gradePushes', number>;

/** A post whose rendered text was changed by `replaceInRenderedPosts`, for re-indexing. */
export interface RenderedPost {
  postKind: PostKind;
  id: Id;
  courseId: Id;
  threadId: Id;
  title: string;
  bodyHtml: string;
}

export interface PersonalDataRepository {
  collect(personId: Id): Promise<PersonalRecords>;
  /**
   * In one step: replaces the person's name with `name`, clears given and family names and email,
   * replaces their LMS subject with `subject` (so the next launch creates a new person), and
   * deletes their sessions, memberships, notifications, follows, read state, visits, votes (post
   * vote counts stay), policy acceptances, champion marks and routings to them; their hotseat votes
   * (question vote counts stay), the introductions they wrote as guest hosts, their alumni profiles
   * and mentor marks, and the record of participation scores sent to the LMS for them. Posts,
   * revisions, reports, pseudonyms, hotseat questions, follow-ups and host answers stay, attached to
   * the now nameless person ("Former member").
   */
  erase(personId: Id, replacement: { name: string; subject: string }): Promise<ErasureCounts>;
  /**
   * Replaces `from` with `to` in the rendered HTML of every post of these courses that contains it
   * (a person's name inside other people's @mentions), deleted and hidden ones too; returns, of the
   * posts it changed, those search holds (not deleted; replies not hidden), to be indexed again.
   */
  replaceInRenderedPosts(courseIds: readonly Id[], from: string, to: string): Promise<RenderedPost[]>;
  /**
   * Turns every @-mention of `handle` in the Markdown of the course's posts and of their earlier
   * versions into @`replacement` (domain/care.ts `replaceMention`); returns how many texts changed.
   */
  replaceMentionInSources(courseId: Id, handle: string, replacement: string): Promise<number>;
}

/**
 * A course question staff routed to alumni: alumni cannot open the course, so the question is
 * posted once in the community's space (without its asker's name), where they answer it.
 */
export interface AlumniRoutedQuestion {
  courseId: Id;
  threadId: Id;
  communityId: Id;
  /** The question as posted in the community's space course. */
  spaceThreadId: Id;
  createdAt: Date;
}

export interface AlumniRoutedQuestionRepository {
  /** Records the space thread of a course question; false (and nothing changed) when it already has one. */
  add(record: AlumniRoutedQuestion): Promise<boolean>;
  find(courseId: Id, threadId: Id): Promise<AlumniRoutedQuestion | null>;
}

export interface CareRepositories {
  careSettings: CareSettingsRepository;
  unanswered: UnansweredQuestionRepository;
  questionRoutings: QuestionRoutingRepository;
  expertise: ExpertiseRepository;
  champions: ChampionRepository;
  insights: InsightsRepository;
  activityLog: ActivityLogRepository;
  personalData: PersonalDataRepository;
  alumniRoutedQuestions: AlumniRoutedQuestionRepository;
}
