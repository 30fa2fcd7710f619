/**
 * The hotseat's part of the storage contract (see ports.ts for the rules every adapter keeps).
 * Vote counts change through the vote repository in the same transaction as the vote itself,
 * never by read-modify-write, so a storm of concurrent votes loses none.
 */
import type { Id } from '../domain/ids';
import type {
  Hotseat, HotseatFollowUp, HotseatHost, HotseatInvitation, HotseatPhase, HotseatQuestion, HotseatSummary,
} from '../domain/hotseat';

export type HotseatPatch = Partial<Pick<Hotseat,
  'title' | 'descriptionSource' | 'descriptionHtml' | 'publishedAt' | 'opensAt' | 'startsAt' | 'endsAt' | 'premoderation'
  | 'convertOnClose' | 'answeringQuestionId' | 'updatedAt'>>;

export interface HotseatRepository {
  create(hotseat: Hotseat): Promise<void>;
  findById(courseId: Id, hotseatId: Id): Promise<Hotseat | null>;
  /** Every hotseat of the course, drafts included, the soonest start first. */
  listByCourse(courseId: Id): Promise<Hotseat[]>;
  update(courseId: Id, hotseatId: Id, patch: HotseatPatch): Promise<Hotseat | null>;
  /**
   * Moves the stored phase from `from` to `to` only if it still is `from`; true when this call
   * made the move. Two processes racing to announce the same transition: exactly one wins.
   */
  advancePhase(courseId: Id, hotseatId: Id, from: HotseatPhase, to: HotseatPhase, now: Date): Promise<boolean>;
  /** Published hotseats, in every course, whose stored phase is not yet 'closed'. */
  listUnsettled(): Promise<Hotseat[]>;
}

export interface HotseatHostRepository {
  /** Adds the host; adding someone who already hosts it changes nothing. */
  add(host: HotseatHost): Promise<void>;
  remove(hotseatId: Id, personId: Id): Promise<boolean>;
  find(hotseatId: Id, personId: Id): Promise<HotseatHost | null>;
  /** In the order they were added. */
  listByHotseat(hotseatId: Id): Promise<HotseatHost[]>;
  /** Every hotseat the person hosted, in any course, newest first. */
  listByPerson(personId: Id): Promise<HotseatHost[]>;
}

export interface HotseatInvitationRepository {
  create(invitation: HotseatInvitation): Promise<void>;
  find(tokenHash: string): Promise<HotseatInvitation | null>;
  /**
   * Marks the invitation used by `personId` in one atomic step, only if it is unused and not
   * expired at `now`; true when this call used it (two tabs racing: one wins).
   */
  use(tokenHash: string, personId: Id, now: Date): Promise<boolean>;
}

export type QuestionPatch = Partial<Pick<HotseatQuestion,
  'bodySource' | 'bodyHtml' | 'status' | 'hidden' | 'declineReason' | 'mergedIntoId' | 'answerSource' | 'answerHtml'
  | 'answeredBy' | 'answeredAt' | 'convertedThreadId' | 'editedAt'>>;

export interface VoteCount {
  id: Id;
  voteCount: number;
  voteVersion: number;
}

export interface HotseatQuestionRepository {
  create(question: HotseatQuestion): Promise<void>;
  findById(courseId: Id, questionId: Id): Promise<HotseatQuestion | null>;
  /** Every question of the hotseat in the order asked (a hotseat has hundreds, not millions). */
  listByHotseat(hotseatId: Id): Promise<HotseatQuestion[]>;
  update(courseId: Id, questionId: Id, patch: QuestionPatch): Promise<HotseatQuestion | null>;
  /** Questions this person asked in the hotseat since `since` (for the rate limit). */
  countByAuthorSince(hotseatId: Id, authorId: Id, since: Date): Promise<number>;
  /** Questions this person asked in any hotseat of the course in [from, to), withdrawn, declined and merged ones excluded. */
  countByAuthorBetween(courseId: Id, authorId: Id, from: Date, to: Date): Promise<number>;
  /** Current counts, for a live ranking update. */
  voteCounts(questionIds: readonly Id[]): Promise<VoteCount[]>;
  summary(hotseatId: Id): Promise<HotseatSummary>;
}

export interface HotseatVoteRepository {
  /**
   * Adds the person's vote or takes it back, and moves the question's count and version with
   * it in the same step. Returns whether they now vote for it, and the new count.
   */
  toggle(vote: { courseId: Id; hotseatId: Id; questionId: Id; personId: Id; at: Date }): Promise<{ voted: boolean } & VoteCount>;
  votedBy(personId: Id, questionIds: readonly Id[]): Promise<Set<Id>>;
  /**
   * Moves every vote of `fromId` onto `intoId`; a person who voted for both counts once.
   * Sets both questions' counts from the votes they now hold and returns the merged one's.
   */
  merge(courseId: Id, fromId: Id, intoId: Id): Promise<VoteCount>;
}

export interface HotseatFollowUpRepository {
  create(followUp: HotseatFollowUp): Promise<void>;
  /** Every follow-up of the hotseat, oldest first. */
  listByHotseat(hotseatId: Id): Promise<HotseatFollowUp[]>;
}
