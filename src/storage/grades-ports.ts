/**
 * Participation grades' part of the storage contract (see ports.ts for the rules every adapter
 * keeps): what counts toward a grade, each course's rubric with the state of sending scores to
 * the LMS (Assignment and Grade Services), and the score last sent for each learner.
 * Everything a push needs is here, so the scheduled push survives restarts and runs weeks after
 * the last launch: nothing about pending work lives in memory.
 */
import type { Id } from '../domain/ids';
import type { ParticipationGrading } from '../domain/participation';

export type ContributionKind = 'thread' | 'reply' | 'endorsedAnswer';

/** One thing that earns points, dated when it was written. */
export interface Contribution {
  authorId: Id;
  kind: ContributionKind;
  at: Date;
}

export interface ParticipationRepository {
  /**
   * What counts in the course's discussion room, oldest first: threads, and replies and comments,
   * that are neither deleted nor hidden (replies in a hidden thread neither); and, once more, each
   * such reply to a thread (not a comment) that staff endorsed, dated when it was written.
   * Anonymous posts count for their author. Only `authorId`'s when given.
   */
  listContributions(courseId: Id, options?: { authorId?: Id }): Promise<Contribution[]>;
}

/**
 * Counts hotseat questions for the rubric. The hotseat's question repository provides it
 * (`hotseatQuestions.countByAuthorBetween`); declared here so the counting needs only this.
 */
export interface HotseatQuestionCounter {
  /** Questions the person asked in any hotseat of the course in [from, to). */
  countByAuthorBetween(courseId: Id, authorId: Id, from: Date, to: Date): Promise<number>;
}

/** Where the line item Agora sends scores to came from. */
export type LineItemSource = 'launch' | 'found' | 'created';

/** Where sending a course's scores stands; shown to staff. */
export interface GradePushState {
  /** The line item scores go to, once chosen; it stays chosen until it disappears from the LMS. */
  lineItemUrl: string | null;
  lineItemSource: LineItemSource | null;
  /** The line item the latest launch that carried one named (a graded link in the LMS). */
  launchLineItemUrl: string | null;
  /** The course events (seq) the last complete push covered: a newer event means scores may have changed. */
  seenSeq: number;
  /** Staff asked for a push (saved the rubric, pressed "Push now") at this time; null once one succeeded after it. */
  requestedAt: Date | null;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  /** How many scores the last successful push sent. */
  lastPushedCount: number | null;
  /** The latest failure in one sentence, kept after a later success (lastErrorAt says when). */
  lastError: string | null;
  lastErrorAt: Date | null;
  /** Failures since the last success; 0 when the last push succeeded. */
  failedAttempts: number;
  /** When the next retry is due; null when none is scheduled (after a success, or after giving up). */
  nextAttemptAt: Date | null;
  /** A push is running (in some process) until this time, unless it finishes first. */
  claimedUntil: Date | null;
}

/** A course that never tried to push: nothing chosen, nothing sent, nothing failed. */
export const EMPTY_PUSH_STATE: Readonly<GradePushState> = Object.freeze({
  lineItemUrl: null, lineItemSource: null, launchLineItemUrl: null, seenSeq: 0, requestedAt: null,
  lastAttemptAt: null, lastSuccessAt: null, lastPushedCount: null, lastError: null, lastErrorAt: null,
  failedAttempts: 0, nextAttemptAt: null, claimedUntil: null,
});

export interface CourseGrading {
  settings: ParticipationGrading;
  push: GradePushState;
}

/** The score last sent for a learner; sent again when either number changes. */
export interface PushedScore {
  personId: Id;
  scoreGiven: number;
  scoreMaximum: number;
  pushedAt: Date;
}

export interface PushCandidate {
  courseId: Id;
  seenSeq: number;
  requestedAt: Date | null;
}

export interface ParticipationGradeRepository {
  /** The course's rubric and push state; the defaults (grading off) when nothing was stored. */
  get(courseId: Id): Promise<CourseGrading>;
  /**
   * Stores what staff chose. Saving asks for a push (requestedAt = updatedAt) and clears failures,
   * so a course that had given up tries again at the next tick.
   */
  saveSettings(settings: ParticipationGrading & { updatedAt: Date }): Promise<void>;
  /** Remembers the line item a launch carried (the latest one wins); the settings keep their values. */
  recordLaunchLineItem(courseId: Id, url: string): Promise<void>;
  /** Staff pressed "Push now": asks for a push and clears failures and any scheduled retry. */
  requestPush(courseId: Id, now: Date): Promise<void>;
  /**
   * Courses with grading on that may need a push at `now`: none failing, or a retry due by now.
   * Courses that gave up (failures, no retry scheduled) are left out. In course id order, those
   * after `after` (keyset pages: a tick walks them all, so none waits behind the others).
   */
  listPushCandidates(now: Date, page: { after: Id | null; limit: number }): Promise<PushCandidate[]>;
  /** Claims the course's push until `until` unless another claim runs at `now`; atomic. True when this caller got it. */
  claimPush(courseId: Id, now: Date, until: Date): Promise<boolean>;
  /**
   * Sets the line item scores go to (null: forget it, and the launch's too when it was that one).
   * A different line item starts empty, so the scores sent to the old one are forgotten.
   */
  setLineItem(courseId: Id, url: string | null, source: LineItemSource | null): Promise<void>;
  /** A push finished: records it, releases the claim, and clears a request made before `startedAt`. */
  recordPushSuccess(courseId: Id, result: { at: Date; startedAt: Date; seenSeq: number; pushedCount: number }): Promise<void>;
  /** A push failed: one more failure, the sentence, the next retry (null: give up), and the claim released. */
  recordPushFailure(courseId: Id, result: { at: Date; error: string; nextAttemptAt: Date | null }): Promise<void>;
  listPushedScores(courseId: Id): Promise<PushedScore[]>;
  recordPushedScore(courseId: Id, score: PushedScore): Promise<void>;
}
