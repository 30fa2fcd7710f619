import type { Anonymity, Thread } from './discussion';
import type { Id } from './ids';
import type { Person } from './person';

/**
 * Tending a course community: how quickly questions should be answered, when a quiet room is worth
 * a warning, how long activity logs are kept; who is a community champion; to whom staff routed a
 * question. Pure types and rules; the storage keeps them in its own tables.
 */
export interface CareSettings {
  courseId: Id;
  /** Questions unanswered for longer than this stand out in staff's queue. */
  answerTargetHours: number;
  /** Staff are warned when nobody has started a thread or replied for this many days. */
  quietDays: number;
  /** Activity logs (course events, kept for live catch-up) older than this are deleted. */
  retentionDays: number;
  updatedAt: Date;
}

export const CARE_LIMITS = {
  answerTargetHours: { min: 1, max: 24 * 30 },
  quietDays: { min: 1, max: 90 },
  /** At least a day: reconnecting clients replay the last hours of events. */
  retentionDays: { min: 1, max: 3650 },
  /** People one question may be routed to at once. */
  routeAtOnce: 10,
} as const;

export const DEFAULT_CARE_SETTINGS = (courseId: Id, now: Date): CareSettings => ({
  courseId,
  answerTargetHours: 24,
  quietDays: 7,
  // Course events only serve live catch-up (minutes to hours); three months is generous.
  retentionDays: 90,
  updatedAt: now,
});

/**
 * A question waits for an answer until it is resolved: the asker accepted an answer or staff
 * endorsed one (domain/discussion.ts `isResolved`). Replies alone do not count: a question with
 * three unconfirmed replies may still have no right answer, and the queue is where staff check.
 */
export type UnansweredQuestion = Pick<Thread,
  'id' | 'courseId' | 'authorId' | 'anonymity' | 'title' | 'tagIds' | 'replyCount' | 'answerCount' | 'createdAt'>;

/** Staff asked this person to help answer this question; recorded once per question and person. */
export interface QuestionRouting {
  courseId: Id;
  threadId: Id;
  personId: Id;
  routedBy: Id;
  routedAt: Date;
}

/** A learner staff marked as a community champion of the course: a badge, and pin and lock in its rooms. */
export interface Champion {
  courseId: Id;
  personId: Id;
  grantedBy: Id;
  grantedAt: Date;
}

/**
 * Staff-endorsed answers counted per author and tag. Whose answers count depends on who is looking:
 * named answers for everyone, answers anonymous to classmates for staff too, answers anonymous to
 * everyone for nobody (a count next to a name would tie the post to its author).
 */
export interface EndorsedAnswerCount {
  personId: Id;
  /** Null for answers in threads without tags (only in per-tag counts). */
  tagId: Id | null;
  answers: number;
}

export function countedAnonymity(viewerRole: 'staff' | 'learner'): Anonymity[] {
  return viewerRole === 'staff' ? ['named', 'peers'] : ['named'];
}

/** What the retention purge left behind for a course: events up to this seq are gone. */
export interface ActivityPurge {
  courseId: Id;
  purgedThroughSeq: number;
  lastPurgeAt: Date;
  lastPurgeCount: number;
}

/**
 * An erased person keeps a row (their posts still point at it) that says nothing about them: the
 * name others see becomes "Former member" (so every presenter shows that without knowing about
 * erasure), and their LMS identity is replaced by this marker, so their next launch creates a
 * fresh person.
 */
export const ERASED_NAME = 'Former member';
export const ERASED_SUBJECT_PREFIX = 'erased:';

export function isErased(person: Pick<Person, 'subject'>): boolean {
  return person.subject.startsWith(ERASED_SUBJECT_PREFIX);
}

/** The @-mention grammar of commands/markdown.ts (`mentionedHandles`): not after a word character, @ or dot. */
const MENTION = /(^|[^\w@.])@([a-z0-9][a-z0-9._-]*[a-z0-9]|[a-z0-9])/gi;

/** The text with every @-mention of exactly `handle` (not a longer handle that starts with it) turned into `replacement`. */
export function replaceMention(source: string, handle: string, replacement: string): string {
  return source.replace(MENTION, (match, before: string, found: string) => (found.toLowerCase() === handle.toLowerCase() ? `${before}@${replacement}` : match));
}

/** The median of a list of numbers; null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
