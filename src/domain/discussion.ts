import type { Id } from './ids';

/**
 * How a post's author is shown:
 * - named: to everyone;
 * - peers: anonymous to other learners, named to course staff;
 * - everyone: anonymous to everyone, staff included.
 * Recorded on each post when it is written, so changing the course setting later never unmasks it.
 */
export type Anonymity = 'named' | 'peers' | 'everyone';
export const ANONYMITY_LEVELS: readonly Anonymity[] = ['named', 'peers', 'everyone'];

/** Whether `chosen` is allowed when the course allows at most `allowed`. */
export function anonymityAllowed(chosen: Anonymity, allowed: Anonymity): boolean {
  return ANONYMITY_LEVELS.indexOf(chosen) <= ANONYMITY_LEVELS.indexOf(allowed);
}

export type ThreadKind = 'discussion' | 'question' | 'announcement';
export const THREAD_KINDS: readonly ThreadKind[] = ['discussion', 'question', 'announcement'];

export type PostKind = 'thread' | 'reply';

/** A conversation in a course's discussion room. The body is kept as written and as sanitised HTML. */
export interface Thread {
  id: Id;
  courseId: Id;
  authorId: Id;
  kind: ThreadKind;
  anonymity: Anonymity;
  title: string;
  bodySource: string;
  bodyHtml: string;
  tagIds: Id[];
  /** Every reply and comment that is not deleted. */
  replyCount: number;
  /** Top-level replies that are not deleted (answers, for a question). */
  answerCount: number;
  voteCount: number;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  acceptedReplyId: Id | null;
  endorsedAnswerCount: number;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  lastActivityAt: Date;
}

/** A reply to a thread (parentId null) or a comment on a reply (parentId = that reply). Two levels, no more. */
export interface Reply {
  id: Id;
  courseId: Id;
  threadId: Id;
  parentId: Id | null;
  authorId: Id;
  anonymity: Anonymity;
  bodySource: string;
  bodyHtml: string;
  voteCount: number;
  hidden: boolean;
  endorsedBy: Id | null;
  endorsedAt: Date | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

/** An earlier version of a post, kept when its author edits it; shown to staff only. */
export interface PostRevision {
  id: Id;
  courseId: Id;
  postKind: PostKind;
  postId: Id;
  title: string | null;
  bodySource: string;
  editorId: Id;
  createdAt: Date;
}

export interface Tag {
  id: Id;
  courseId: Id;
  name: string;
  createdAt: Date;
}

/** A question counts as resolved when its asker accepted an answer or staff endorsed one. */
export function isResolved(thread: Pick<Thread, 'kind' | 'acceptedReplyId' | 'endorsedAnswerCount'>): boolean {
  return thread.kind === 'question' && (thread.acceptedReplyId !== null || thread.endorsedAnswerCount > 0);
}

export const LIMITS = {
  titleMax: 200,
  bodyMax: 20_000,
  tagsPerThread: 5,
  tagNameMax: 40,
  reportReasonMax: 500,
  policyMax: 10_000,
  /** Posts (threads, replies, comments) one person may write per minute in a course. */
  postsPerMinute: 10,
} as const;
