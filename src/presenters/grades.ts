import type { Gradebook, MyParticipation } from '../commands/grades/gradebook';
import { PUSH_RETRY, weekStart, type ParticipationRubric, type ParticipationScore } from '../domain/participation';
import { displayName } from '../domain/person';
import type { GradePushState } from '../storage/grades-ports';
import { presentTime, type TimeView } from './time';

/**
 * Participation grades as people see them. A learner's view carries their own counts only (never
 * a post, a title or anyone else's number), so anonymous posts stay anonymous to peers. The
 * staff view lists every learner; it says that the counts include posts anonymous to everyone.
 */
export interface RubricView {
  lines: Array<{ what: string; points: number }>;
  weeklyCap: number;
  scoreMaximum: number;
  label: string;
}

export function presentRubric(rubric: ParticipationRubric): RubricView {
  return {
    lines: [
      { what: 'Each thread you start', points: rubric.pointsPerThread },
      { what: 'Each reply or comment you write', points: rubric.pointsPerReply },
      { what: 'Each answer of yours that staff endorse (on top of the reply\'s points)', points: rubric.pointsPerEndorsedAnswer },
      { what: 'Each question you ask in a hotseat', points: rubric.pointsPerHotseatQuestion },
    ],
    weeklyCap: rubric.weeklyCap,
    scoreMaximum: rubric.scoreMaximum,
    label: rubric.label,
  };
}

const WEEK_LABEL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export interface WeekView {
  label: string;
  isCurrent: boolean;
  threads: number;
  replies: number;
  endorsedAnswers: number;
  hotseatQuestions: number;
  earned: number;
  counted: number;
  capped: boolean;
}

export interface ScoreView {
  /** Newest week first. */
  weeks: WeekView[];
  total: number;
  scoreGiven: number;
  scoreMaximum: number;
  reachedMaximum: boolean;
}

export function presentScore(score: ParticipationScore, now: Date): ScoreView {
  const current = weekStart(now).getTime();
  return {
    weeks: score.weeks.map((week) => ({
      label: `Week of ${WEEK_LABEL.format(week.weekStart)}`,
      isCurrent: week.weekStart.getTime() === current,
      threads: week.threads, replies: week.replies, endorsedAnswers: week.endorsedAnswers, hotseatQuestions: week.hotseatQuestions,
      earned: week.earned, counted: week.counted, capped: week.capped,
    })).reverse(),
    total: score.total,
    scoreGiven: score.scoreGiven,
    scoreMaximum: score.scoreMaximum,
    reachedMaximum: score.reachedMaximum,
  };
}

export interface MyParticipationView {
  enabled: boolean;
  /** Staff are not graded; they see the rubric as learners do. */
  isStaff: boolean;
  rubric: RubricView;
  score: ScoreView | null;
  /** What the LMS gradebook shows now, as Agora last sent it. */
  lastSent: { scoreGiven: number; scoreMaximum: number; at: TimeView } | null;
  /** The score above is the one the LMS has. */
  upToDate: boolean;
}

export function presentMyParticipation(data: MyParticipation, isStaff: boolean, now: Date): MyParticipationView {
  const score = data.score ? presentScore(data.score, now) : null;
  const lastSent = data.lastSent ? { scoreGiven: data.lastSent.scoreGiven, scoreMaximum: data.lastSent.scoreMaximum, at: presentTime(data.lastSent.pushedAt) } : null;
  return {
    enabled: data.settings.enabled,
    isStaff,
    rubric: presentRubric(data.settings),
    score,
    lastSent,
    upToDate: Boolean(score && lastSent && lastSent.scoreGiven === score.scoreGiven && lastSent.scoreMaximum === score.scoreMaximum),
  };
}

export interface PushStatusView {
  /** What stops Agora from sending scores, in words staff can act on; null when nothing does. */
  serviceProblem: string | null;
  lineItem: string;
  lastSuccess: TimeView | null;
  lastPushedCount: number | null;
  lastError: string | null;
  lastErrorAt: TimeView | null;
  /** The last attempt failed (lastError is current, not history). */
  failing: boolean;
  failedAttempts: number;
  /** Which attempt the scheduled retry will be. */
  nextAttemptNumber: number;
  maxAttempts: number;
  nextAttempt: TimeView | null;
  gaveUp: boolean;
  /** Learners whose score differs from the one the LMS has. */
  waiting: number;
}

export interface LearnerRowView {
  name: string;
  threads: number;
  replies: number;
  endorsedAnswers: number;
  hotseatQuestions: number;
  total: number;
  scoreGiven: number;
  sent: string;
  upToDate: boolean;
}

export interface GradebookView {
  enabled: boolean;
  /** The stored rubric, as the form shows it. */
  settings: ParticipationRubric & { enabled: boolean };
  rubric: RubricView;
  status: PushStatusView;
  learners: LearnerRowView[];
}

function describeLineItem(push: GradePushState, label: string): string {
  switch (push.lineItemSource) {
    case 'launch': return 'the grade column of the graded link in your LMS course that opens Agora.';
    case 'found': return 'Agora\'s participation column, found in your LMS gradebook.';
    case 'created': return 'the participation column Agora created in your LMS gradebook.';
    default: return push.launchLineItemUrl
      ? 'the grade column of the graded link in your LMS course that opens Agora (chosen at the first push).'
      : `a column named "${label}" that Agora finds or creates in your LMS gradebook at the first push.`;
  }
}

export function presentGradebook(book: Gradebook, serviceProblem: string | null): GradebookView {
  const { settings, push } = book.grading;
  // Alphabetical, as staff look people up in a gradebook.
  const learners = book.learners.map(({ person, score }): LearnerRowView => {
    const sent = book.pushed.get(person.id);
    const upToDate = Boolean(sent && sent.scoreGiven === score.scoreGiven && sent.scoreMaximum === score.scoreMaximum);
    return {
      name: displayName(person),
      ...score.counts,
      total: score.total,
      scoreGiven: score.scoreGiven,
      sent: !sent ? 'Not sent yet' : upToDate ? 'Sent' : `Waiting (the LMS has ${sent.scoreGiven})`,
      upToDate,
    };
  }).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
  const failing = push.failedAttempts > 0;
  return {
    enabled: settings.enabled,
    settings: {
      enabled: settings.enabled, pointsPerThread: settings.pointsPerThread, pointsPerReply: settings.pointsPerReply,
      pointsPerEndorsedAnswer: settings.pointsPerEndorsedAnswer, pointsPerHotseatQuestion: settings.pointsPerHotseatQuestion,
      weeklyCap: settings.weeklyCap, scoreMaximum: settings.scoreMaximum, label: settings.label,
    },
    rubric: presentRubric(settings),
    status: {
      serviceProblem,
      lineItem: describeLineItem(push, settings.label),
      lastSuccess: push.lastSuccessAt ? presentTime(push.lastSuccessAt) : null,
      lastPushedCount: push.lastPushedCount,
      lastError: push.lastError,
      lastErrorAt: push.lastErrorAt ? presentTime(push.lastErrorAt) : null,
      failing,
      failedAttempts: push.failedAttempts,
      nextAttemptNumber: push.failedAttempts + 1,
      maxAttempts: PUSH_RETRY.maxAttempts,
      nextAttempt: push.nextAttemptAt ? presentTime(push.nextAttemptAt) : null,
      gaveUp: failing && push.nextAttemptAt === null,
      waiting: learners.filter((row) => !row.upToDate).length,
    },
    learners,
  };
}
