import type { Gradebook, MyParticipation } from '../commands/grades/gradebook';
import { PUSH_RETRY, weekStart, type ParticipationRubric, type ParticipationScore } from '../domain/participation';
import { displayName } from '../domain/person';
import type { GradePushState } from '../storage/grades-ports';
import type { Locale } from '../i18n/locales';
import { sayStoredMessage } from '../i18n/stored-message';
import type { NestedMessage } from '../i18n/translate';
import { personNameMessage } from './authors';
import { presentTime, type TimeView } from './time';

/**
 * Participation grades as people see them. A learner's view carries their own counts only (never
 * a post, a title or anyone else's number), so anonymous posts stay anonymous to peers. The
 * staff view lists every learner; it says that the counts include posts anonymous to everyone.
 * Agora's own words travel as catalog keys (`whatKey`, `lineItemKey`) or states (`sent`): the pages
 * say them in the viewer's language.
 */
export interface RubricView {
  lines: Array<{ whatKey: string; points: number }>;
  weeklyCap: number;
  scoreMaximum: number;
  label: string;
}

export function presentRubric(rubric: ParticipationRubric): RubricView {
  return {
    lines: [
      { whatKey: 'grades.rubricThread', points: rubric.pointsPerThread },
      { whatKey: 'grades.rubricReply', points: rubric.pointsPerReply },
      { whatKey: 'grades.rubricEndorsed', points: rubric.pointsPerEndorsedAnswer },
      { whatKey: 'grades.rubricHotseat', points: rubric.pointsPerHotseatQuestion },
    ],
    weeklyCap: rubric.weeklyCap,
    scoreMaximum: rubric.scoreMaximum,
    label: rubric.label,
  };
}

export interface WeekView {
  /** The Monday the week starts (UTC), as YYYY-MM-DD: the page says "Week of 9 Mar 2026". */
  weekStart: string;
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
      weekStart: week.weekStart.toISOString().slice(0, 10),
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
  /** Where scores go, as a catalog key; `lineItemLabel` fills in the column's name where the sentence has one. */
  lineItemKey: string;
  lineItemLabel: string;
  lastSuccess: TimeView | null;
  lastPushedCount: number | null;
  /** The failure in the viewer's language (stored as a catalog message; older rows as English). */
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
  /** Where Agora words the name itself ("Member 1a2b"): the page says it in the viewer's language. */
  nameMessage: NestedMessage | null;
  threads: number;
  replies: number;
  endorsedAnswers: number;
  hotseatQuestions: number;
  total: number;
  scoreGiven: number;
  /** Whether the LMS has this score: not sent yet, sent, or waiting (the LMS has `lmsScore`). */
  sent: 'unsent' | 'sent' | 'waiting';
  lmsScore: number | null;
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

function describeLineItem(push: GradePushState): string {
  switch (push.lineItemSource) {
    case 'launch': return 'grades.lineItemLaunch';
    case 'found': return 'grades.lineItemFound';
    case 'created': return 'grades.lineItemCreated';
    default: return push.launchLineItemUrl ? 'grades.lineItemLaunchLater' : 'grades.lineItemNamed';
  }
}

export function presentGradebook(book: Gradebook, serviceProblem: string | null, locale: Locale): GradebookView {
  const { settings, push } = book.grading;
  // Alphabetical, as staff look people up in a gradebook.
  const learners = book.learners.map(({ person, score }): LearnerRowView => {
    const sent = book.pushed.get(person.id);
    const upToDate = Boolean(sent && sent.scoreGiven === score.scoreGiven && sent.scoreMaximum === score.scoreMaximum);
    return {
      name: displayName(person),
      nameMessage: personNameMessage(person),
      ...score.counts,
      total: score.total,
      scoreGiven: score.scoreGiven,
      sent: !sent ? 'unsent' : upToDate ? 'sent' : 'waiting',
      lmsScore: sent ? sent.scoreGiven : null,
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
      lineItemKey: describeLineItem(push),
      lineItemLabel: settings.label,
      lastSuccess: push.lastSuccessAt ? presentTime(push.lastSuccessAt) : null,
      lastPushedCount: push.lastPushedCount,
      lastError: push.lastError === null ? null : sayStoredMessage(push.lastError, locale),
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
