/**
 * The discussion room's part of the storage contract (see ports.ts for the rules every adapter
 * keeps). Counters change through `increment`, never read-modify-write, so concurrent votes and
 * replies cannot lose updates.
 */
import type { CourseSettings } from '../domain/course-settings';
import type { PostKind, PostRevision, Reply, Tag, Thread } from '../domain/discussion';
import type { Id } from '../domain/ids';
import type { Notification, Report } from '../domain/notifications';

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` to get the next page; null when there is nothing more. */
  nextCursor: string | null;
}

export type ThreadSort = 'activity' | 'newest' | 'top';

export interface ThreadQuery {
  sort: ThreadSort;
  limit: number;
  cursor?: string | null;
  /** Staff see hidden threads; learners never do. */
  includeHidden: boolean;
  unanswered?: boolean;
  unresolved?: boolean;
  authorId?: Id;
  followedBy?: Id;
  tagId?: Id;
}

export type ThreadPatch = Partial<Pick<Thread,
  'title' | 'bodySource' | 'bodyHtml' | 'tagIds' | 'pinned' | 'locked' | 'hidden' | 'acceptedReplyId' | 'editedAt' | 'deletedAt'>>;
export type ThreadCounter = 'replyCount' | 'answerCount' | 'voteCount' | 'endorsedAnswerCount';

export interface ThreadRepository {
  create(thread: Thread): Promise<void>;
  findById(courseId: Id, threadId: Id): Promise<Thread | null>;
  /**
   * Pinned threads first, then by the chosen order; deleted threads only while they still have
   * replies (their conversation stays readable). Keyset pagination: no gaps, no repeats.
   */
  list(courseId: Id, query: ThreadQuery): Promise<Page<Thread>>;
  /** Threads that are neither deleted nor hidden. */
  countByCourse(courseId: Id): Promise<number>;
  /** Visible threads created after `since`, not counting those by `exceptAuthorId`. */
  countCreatedSince(courseId: Id, since: Date, exceptAuthorId?: Id): Promise<number>;
  /** When the course's room last saw a thread or a reply, or null if never. */
  lastActivityAt(courseId: Id): Promise<Date | null>;
  update(courseId: Id, threadId: Id, patch: ThreadPatch): Promise<Thread | null>;
  /** Adds the deltas to the counters; with `activityAt`, moves the thread's last activity forward to it. */
  increment(courseId: Id, threadId: Id, deltas: Partial<Record<ThreadCounter, number>>, activityAt?: Date): Promise<void>;
  /** How many threads this person started in the course since `since` (for the rate limit). */
  countByAuthorSince(courseId: Id, authorId: Id, since: Date): Promise<number>;
  /** Threads of the course that carry the tag. */
  removeTagEverywhere(courseId: Id, tagId: Id): Promise<void>;
}

export type ReplyPatch = Partial<Pick<Reply, 'bodySource' | 'bodyHtml' | 'hidden' | 'endorsedBy' | 'endorsedAt' | 'editedAt' | 'deletedAt'>>;

export interface ReplyRepository {
  create(reply: Reply): Promise<void>;
  findById(courseId: Id, replyId: Id): Promise<Reply | null>;
  /** Every reply and comment of the thread in the order written (ids are time-ordered). */
  listByThread(courseId: Id, threadId: Id, options: { limit: number; after?: Id | null }): Promise<Reply[]>;
  update(courseId: Id, replyId: Id, patch: ReplyPatch): Promise<Reply | null>;
  incrementVotes(courseId: Id, replyId: Id, delta: number): Promise<void>;
  countByAuthorSince(courseId: Id, authorId: Id, since: Date): Promise<number>;
  /** Visible replies created after `since`, not counting those by `exceptAuthorId`. */
  countCreatedSince(courseId: Id, since: Date, exceptAuthorId?: Id): Promise<number>;
}

export interface RevisionRepository {
  add(revision: PostRevision): Promise<void>;
  /** Oldest first. */
  listForPost(courseId: Id, postKind: PostKind, postId: Id): Promise<PostRevision[]>;
}

export interface VoteRepository {
  /** Adds the person's vote, or removes it if it exists; returns whether they now vote for the post. */
  toggle(vote: { courseId: Id; postKind: PostKind; postId: Id; personId: Id; at: Date }): Promise<boolean>;
  /** The posts among `postIds` this person votes for. */
  votedBy(personId: Id, postKind: PostKind, postIds: readonly Id[]): Promise<Set<Id>>;
}

export interface TagRepository {
  /** Refuses (rejects) a second tag with the same name in the course, whatever its case. */
  create(tag: Tag): Promise<void>;
  listByCourse(courseId: Id): Promise<Tag[]>;
  delete(courseId: Id, tagId: Id): Promise<boolean>;
}

export interface FollowRepository {
  follow(input: { personId: Id; threadId: Id; courseId: Id; at: Date }): Promise<void>;
  unfollow(personId: Id, threadId: Id): Promise<void>;
  followedBy(personId: Id, threadIds: readonly Id[]): Promise<Set<Id>>;
  followersOf(threadId: Id): Promise<Id[]>;
}

export interface ReadStateRepository {
  markRead(input: { personId: Id; threadId: Id; courseId: Id; at: Date }): Promise<void>;
  lastReads(personId: Id, threadIds: readonly Id[]): Promise<Map<Id, Date>>;
  /** Records a visit to the course home and returns the visit before it (null on the first). */
  recordVisit(personId: Id, courseId: Id, at: Date): Promise<Date | null>;
}

export interface NotificationRepository {
  create(notification: Notification): Promise<void>;
  /** Newest first. */
  listForPerson(personId: Id, courseId: Id, limit: number): Promise<Notification[]>;
  countUnread(personId: Id, courseId: Id): Promise<number>;
  /** Marks the given notifications (or all of the course when ids is omitted) as read; returns how many changed. */
  markRead(personId: Id, courseId: Id, at: Date, ids?: readonly Id[]): Promise<number>;
}

export interface ReportRepository {
  create(report: Report): Promise<void>;
  /** Open reports of the course, oldest first. */
  listOpen(courseId: Id): Promise<Report[]>;
  /** Resolves every open report on this post; returns how many. */
  resolveForPost(courseId: Id, postKind: PostKind, postId: Id, by: Id, at: Date): Promise<number>;
}

export interface CourseSettingsRepository {
  /** The course's settings, or the defaults when staff never changed them. */
  get(courseId: Id, now: Date): Promise<CourseSettings>;
  save(settings: CourseSettings): Promise<void>;
  acceptedPolicyVersion(courseId: Id, personId: Id): Promise<number | null>;
  acceptPolicy(input: { courseId: Id; personId: Id; version: number; at: Date }): Promise<void>;
}

export interface PseudonymRepository {
  /**
   * The person's pseudonym in the course, assigning one on first use: the first of `candidates`
   * (tried in order) that nobody else in the course has.
   */
  getOrAssign(courseId: Id, personId: Id, candidates: readonly string[]): Promise<string>;
  findMany(courseId: Id, personIds: readonly Id[]): Promise<Map<Id, string>>;
}

export interface SearchDocument {
  courseId: Id;
  postKind: PostKind;
  postId: Id;
  threadId: Id;
  title: string;
  body: string;
}

export interface SearchHit {
  postKind: PostKind;
  postId: Id;
  threadId: Id;
  /** Plain text around the matches; matched words are wrapped in SEARCH_MARK.start / .end. */
  snippet: string;
}

/** Markers around matched words in snippets; presenters turn them into <mark> after escaping. */
export const SEARCH_MARK = { start: '\u0002', end: '\u0003' } as const;

export interface SearchRepository {
  /** Adds or replaces the post's document. */
  index(document: SearchDocument): Promise<void>;
  remove(postKind: PostKind, postId: Id): Promise<void>;
  /**
   * Best matches first. An adapter may rank only the newest few thousand matches of a very common
   * word (SQLite ranks the newest 2,000, to answer within tens of milliseconds in a course of
   * 100,000 posts). Callers filter what the viewer may not see.
   */
  search(courseId: Id, query: string, limit: number): Promise<SearchHit[]>;
}
