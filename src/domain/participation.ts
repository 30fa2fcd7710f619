import type { Id } from './ids';

/**
 * Participation grades: a transparent rubric staff choose, applied week by week.
 * A learner's score is the sum over weeks of min(weekly cap, points earned that week), and never
 * more than the maximum. Weeks run Monday 00:00 to Monday 00:00 UTC, the same for everyone, so
 * a learner can check their own grade by hand from the page that explains it.
 */
export interface ParticipationRubric {
  pointsPerThread: number;
  pointsPerReply: number;
  /** Added on top of the reply's own points when staff endorse an answer of theirs. */
  pointsPerEndorsedAnswer: number;
  pointsPerHotseatQuestion: number;
  /** The most points one week can add to the total. */
  weeklyCap: number;
  /** The grade's maximum, sent with every score (the line item's scoreMaximum). */
  scoreMaximum: number;
  /** The grade column's name in the LMS when Agora creates it. */
  label: string;
}

/** What staff decided for one course. `updatedAt` is null while staff never saved anything. */
export interface ParticipationGrading extends ParticipationRubric {
  courseId: Id;
  enabled: boolean;
  updatedAt: Date | null;
  updatedBy: Id | null;
}

export const DEFAULT_RUBRIC: Readonly<ParticipationRubric> = Object.freeze({
  pointsPerThread: 2,
  pointsPerReply: 1,
  pointsPerEndorsedAnswer: 3,
  pointsPerHotseatQuestion: 1,
  weeklyCap: 10,
  scoreMaximum: 100,
  label: 'Participation (Agora)',
});

export const defaultGrading = (courseId: Id): ParticipationGrading => ({
  courseId, enabled: false, ...DEFAULT_RUBRIC, updatedAt: null, updatedBy: null,
});

export const RUBRIC_LIMITS = {
  pointsMax: 100,
  capMax: 1000,
  scoreMax: 10_000,
  labelMax: 100,
  /** Points are kept to hundredths, so sums add up exactly as the page shows them. */
  decimals: 2,
} as const;

/**
 * A failed push is retried after 5 minutes, then 10, 20, ... doubling, at most `maxAttempts` times in
 * all; then Agora waits for staff (who see why on their page and can press "Push now").
 */
export const PUSH_RETRY = { baseMs: 5 * 60 * 1000, maxAttempts: 8 } as const;
export const retryDelayMs = (failedAttempts: number) => PUSH_RETRY.baseMs * 2 ** (failedAttempts - 1);

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Monday 00:00 UTC of the week `date` falls in. */
export function weekStart(date: Date): Date {
  const daysSinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - daysSinceMonday));
}

/** Every week from the one holding `from` to the one holding `to`, oldest first. */
export function weeksBetween(from: Date, to: Date): Date[] {
  const weeks: Date[] = [];
  for (let t = weekStart(from).getTime(); t <= to.getTime(); t += WEEK_MS) weeks.push(new Date(t));
  return weeks;
}

/** What one learner did in one week, as the rubric counts it. */
export interface WeekCounts {
  weekStart: Date;
  threads: number;
  replies: number;
  endorsedAnswers: number;
  /** Questions asked in the course's hotseats (issue 4). */
  hotseatQuestions: number;
}

export const emptyWeek = (start: Date): WeekCounts => ({ weekStart: start, threads: 0, replies: 0, endorsedAnswers: 0, hotseatQuestions: 0 });

export interface WeekScore extends WeekCounts {
  /** Points earned that week before the cap. */
  earned: number;
  /** What the week adds to the total: min(earned, weekly cap). */
  counted: number;
  capped: boolean;
}

export interface ParticipationScore {
  weeks: WeekScore[];
  /** Sum of what every week counted. */
  total: number;
  /** What is sent to the LMS: the total, at most the maximum. */
  scoreGiven: number;
  scoreMaximum: number;
  reachedMaximum: boolean;
  /** Totals over every week, for tables. */
  counts: Omit<WeekCounts, 'weekStart'>;
}

const cents = (value: number) => Math.round(value * 100);
const fromCents = (value: number) => value / 100;

/** Applies the rubric to a learner's weeks. Computed in hundredths so the sums are exact. */
export function scoreParticipation(rubric: ParticipationRubric, weeks: readonly WeekCounts[]): ParticipationScore {
  const cap = cents(rubric.weeklyCap);
  const counts = { threads: 0, replies: 0, endorsedAnswers: 0, hotseatQuestions: 0 };
  let total = 0;
  const scored = weeks.map((week): WeekScore => {
    const earned = week.threads * cents(rubric.pointsPerThread) + week.replies * cents(rubric.pointsPerReply)
      + week.endorsedAnswers * cents(rubric.pointsPerEndorsedAnswer) + week.hotseatQuestions * cents(rubric.pointsPerHotseatQuestion);
    const counted = Math.min(earned, cap);
    total += counted;
    counts.threads += week.threads;
    counts.replies += week.replies;
    counts.endorsedAnswers += week.endorsedAnswers;
    counts.hotseatQuestions += week.hotseatQuestions;
    return { ...week, earned: fromCents(earned), counted: fromCents(counted), capped: earned > cap };
  });
  const maximum = cents(rubric.scoreMaximum);
  return {
    weeks: scored,
    total: fromCents(total),
    scoreGiven: fromCents(Math.min(total, maximum)),
    scoreMaximum: rubric.scoreMaximum,
    reachedMaximum: total >= maximum,
    counts,
  };
}
