import type { Anonymity } from './discussion';
import type { Id } from './ids';

/**
 * A hotseat: a time-boxed Q&A with a host (course staff or an invited guest). Its phase follows
 * from its times, so it is right after a restart without any timer having fired:
 * - draft: staff are preparing it; only staff see it;
 * - scheduled: published, questions not open yet;
 * - collecting: learners post and vote on questions ahead of the session;
 * - live: the host answers, everyone watches the ranking move;
 * - closed: read-only archive.
 * The stored `phase` is the last one announced; the scheduler moves it forward exactly once per
 * transition so that side effects of a transition (closing) run once, on whichever process.
 */
export type HotseatPhase = 'draft' | 'scheduled' | 'collecting' | 'live' | 'closed';
export const HOTSEAT_PHASES: readonly HotseatPhase[] = ['draft', 'scheduled', 'collecting', 'live', 'closed'];

export interface Hotseat {
  id: Id;
  courseId: Id;
  title: string;
  descriptionSource: string;
  descriptionHtml: string;
  createdBy: Id;
  /** Null while it is a draft. */
  publishedAt: Date | null;
  /** When learners may start posting questions. */
  opensAt: Date;
  startsAt: Date;
  endsAt: Date;
  /** The phase last announced (see above); the effective phase is `phaseAt(hotseat, now)`. */
  phase: HotseatPhase;
  /** New questions wait for a host's approval before anyone else sees them. */
  premoderation: boolean;
  /** On close, unanswered questions become discussion-room threads by themselves. */
  convertOnClose: boolean;
  /** The question the host is answering right now, highlighted for everyone. */
  answeringQuestionId: Id | null;
  createdAt: Date;
  updatedAt: Date;
}

export function phaseAt(hotseat: Pick<Hotseat, 'publishedAt' | 'opensAt' | 'startsAt' | 'endsAt'>, now: Date): HotseatPhase {
  if (!hotseat.publishedAt) return 'draft';
  const t = now.getTime();
  if (t >= hotseat.endsAt.getTime()) return 'closed';
  if (t >= hotseat.startsAt.getTime()) return 'live';
  if (t >= hotseat.opensAt.getTime()) return 'collecting';
  return 'scheduled';
}

/** The next moment the phase changes by itself, or null when nothing more will happen. */
export function nextTransitionAt(hotseat: Pick<Hotseat, 'publishedAt' | 'opensAt' | 'startsAt' | 'endsAt'>, now: Date): Date | null {
  if (!hotseat.publishedAt) return null;
  const t = now.getTime();
  return [hotseat.opensAt, hotseat.startsAt, hotseat.endsAt].find((d) => d.getTime() > t) ?? null;
}

/** Questions can be asked, edited and voted on while collecting or live. */
export const acceptsQuestions = (phase: HotseatPhase) => phase === 'collecting' || phase === 'live';

export type HostKind = 'staff' | 'guest';

export interface HotseatHost {
  hotseatId: Id;
  courseId: Id;
  personId: Id;
  kind: HostKind;
  /** A guest's short introduction (staff hosts have none). */
  bio: string | null;
  addedAt: Date;
}

/**
 * A single-use link that lets someone outside the LMS become a guest host of one hotseat.
 * Only a hash of the token is stored.
 */
export interface HotseatInvitation {
  tokenHash: string;
  hotseatId: Id;
  courseId: Id;
  createdBy: Id;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedBy: Id | null;
}

/**
 * - pending: waiting for a host's approval (pre-moderation); seen by hosts, staff and the asker;
 * - open: visible and votable;
 * - answered / dismissed: the host dealt with it;
 * - declined: refused in pre-moderation, with a reason only the asker sees;
 * - withdrawn: taken back by its asker;
 * - merged: a duplicate, folded into `mergedIntoId` (votes combined).
 */
export type QuestionStatus = 'pending' | 'open' | 'answered' | 'dismissed' | 'declined' | 'withdrawn' | 'merged';
export const QUESTION_STATUSES: readonly QuestionStatus[] = ['pending', 'open', 'answered', 'dismissed', 'declined', 'withdrawn', 'merged'];

export interface HotseatQuestion {
  id: Id;
  hotseatId: Id;
  courseId: Id;
  authorId: Id;
  anonymity: Anonymity;
  bodySource: string;
  bodyHtml: string;
  status: QuestionStatus;
  hidden: boolean;
  voteCount: number;
  /** Goes up with every change of the vote count, so a live client can drop an older update that arrives late. */
  voteVersion: number;
  declineReason: string | null;
  mergedIntoId: Id | null;
  answerSource: string | null;
  answerHtml: string | null;
  answeredBy: Id | null;
  answeredAt: Date | null;
  /** The discussion-room thread this unanswered question became after the hotseat closed. */
  convertedThreadId: Id | null;
  createdAt: Date;
  editedAt: Date | null;
}

/** A follow-up under a question (from the asker, another learner or the host). */
export interface HotseatFollowUp {
  id: Id;
  questionId: Id;
  hotseatId: Id;
  courseId: Id;
  authorId: Id;
  anonymity: Anonymity;
  bodySource: string;
  bodyHtml: string;
  createdAt: Date;
}

export const HOTSEAT_LIMITS = {
  titleLength: 140,
  descriptionLength: 5_000,
  questionLength: 2_000,
  answerLength: 20_000,
  followUpLength: 2_000,
  declineReasonLength: 300,
  bioLength: 300,
  guestNameLength: 80,
  /** Questions per person per hotseat per minute. */
  questionsPerMinute: 5,
  /** Votes (and vote withdrawals) per person per minute. */
  votesPerMinute: 60,
  /** A session may last at most this long. */
  maxDurationMs: 7 * 24 * 60 * 60 * 1000,
  invitationTtlMs: 7 * 24 * 60 * 60 * 1000,
  maxHosts: 10,
} as const;

/** A question the ranking shows: votes first, then the older one first. */
export function compareRanking(a: Pick<HotseatQuestion, 'voteCount' | 'createdAt' | 'id'>, b: Pick<HotseatQuestion, 'voteCount' | 'createdAt' | 'id'>): number {
  return b.voteCount - a.voteCount || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);
}

export interface HotseatSummary {
  questions: number;
  answered: number;
  votes: number;
  /** Distinct people who asked, voted or followed up. */
  participants: number;
}
