import { ACTIVE_DAYS, COHORT_WEEKS, INSIGHT_WEEKS, type CohortFigures, type CourseInsights } from '../commands/care/insights';
import { displayName } from '../domain/person';
import { barChartSvg } from '../rendering/svg-chart';
import { presentTime, type TimeView } from './time';

/**
 * The insights page: charts drawn on the server with a data table beside them, who is active or
 * silent (staff only see this page), how fast questions get a first answer, and a warning when the
 * community has gone quiet. Every definition is spelled out on the page.
 */
const WEEK_LABEL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** "45 minutes", "5 hours 10 minutes", "3 days": the one way Agora says how long something took. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(minutes % 60, 'minute')}`;
  return plural(Math.floor(hours / 24), 'day');
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

export interface InsightsView {
  quietWarning: string | null;
  weeks: number;
  activeDays: number;
  charts: Array<{ svg: string; caption: string }>;
  table: Array<{ week: string; threads: number; replies: number; votes: number; current: boolean }>;
  learners: { total: number; active: number; silent: number; neverParticipated: number; activeNames: string[]; silentNames: string[] };
  firstAnswer: { median: string | null; answered: number; withoutAnswer: number };
  unanswered: { total: number; overdue: number; targetHours: number };
  lastActivity: TimeView | null;
  quietDays: number;
}

function summary(values: readonly number[], labels: readonly string[], unit: string): string {
  const total = values.reduce((sum, n) => sum + n, 0);
  if (total === 0) return `No ${unit} in these ${values.length} weeks. The table below lists each week.`;
  const most = values.indexOf(Math.max(...values));
  return `${total} ${unit} over ${values.length} weeks, from the week of ${labels[0]} to the week of ${labels[labels.length - 1]} (this week, still running). `
    + `The busiest week was that of ${labels[most]}, with ${values[most]}. The table below lists each week.`;
}

export function presentInsights(insights: CourseInsights): InsightsView {
  const { participation: p, learners, settings } = insights;
  const labels = p.weeks.map((week) => WEEK_LABEL.format(week));
  const series = [
    { key: 'threads', title: 'Threads started per week', values: p.threads, unit: { one: 'thread', many: 'threads' } },
    { key: 'replies', title: 'Replies per week', values: p.replies, unit: { one: 'reply', many: 'replies' } },
    { key: 'votes', title: 'Votes per week', values: p.votes, unit: { one: 'vote', many: 'votes' } },
  ];
  const quietFor = insights.quiet.lastActivityAt ? Math.floor((insights.now.getTime() - insights.quiet.lastActivityAt.getTime()) / 86_400_000) : null;
  return {
    quietWarning: !insights.quiet.isQuiet ? null : quietFor === null
      ? 'Nobody has posted in the discussion room yet. A first question or an announcement from staff often gets a community going.'
      : `The community has gone quiet: no new thread or reply for ${days(quietFor)} (you asked to be warned after ${days(settings.quietDays)}). A question to the group, an announcement or a routed question can wake it up.`,
    weeks: INSIGHT_WEEKS,
    activeDays: ACTIVE_DAYS,
    charts: series.map((s) => ({
      svg: barChartSvg({ id: `chart-${s.key}`, title: s.title, description: summary(s.values, labels, s.unit.many), labels, values: s.values, unit: s.unit }),
      caption: s.title,
    })),
    table: labels.map((week, i) => ({ week, threads: p.threads[i]!, replies: p.replies[i]!, votes: p.votes[i]!, current: i === labels.length - 1 })),
    learners: {
      total: learners.total,
      active: learners.active.length,
      silent: learners.silent.length,
      neverParticipated: learners.neverParticipated,
      activeNames: learners.active.map((person) => displayName(person)),
      silentNames: learners.silent.map((person) => displayName(person)),
    },
    firstAnswer: {
      median: insights.firstAnswer.medianMs === null ? null : formatDuration(insights.firstAnswer.medianMs),
      answered: insights.firstAnswer.answered,
      withoutAnswer: insights.firstAnswer.withoutAnswer,
    },
    unanswered: { ...insights.unanswered, targetHours: settings.answerTargetHours },
    lastActivity: insights.quiet.lastActivityAt ? presentTime(insights.quiet.lastActivityAt) : null,
    quietDays: settings.quietDays,
  };
}

/** A community-level view across cohorts: counts per course run, no names. */
export function presentCohortTrends(cohorts: readonly CohortFigures[]) {
  return {
    weeks: Array.from({ length: COHORT_WEEKS }, (_, i) => `Week ${i + 1}`),
    cohorts: cohorts.map((cohort) => ({
      title: cohort.title,
      learners: cohort.learners,
      participatingLearners: cohort.participatingLearners,
      postsPerWeek: cohort.postsPerWeek,
      medianFirstAnswer: cohort.medianFirstAnswerMs === null ? null : formatDuration(cohort.medianFirstAnswerMs),
      chart: barChartSvg({
        id: `cohort-${cohort.courseId}`,
        title: `Posts per week: ${cohort.title}`,
        description: `Threads and replies in each of the first ${COHORT_WEEKS} weeks of this course run.`,
        labels: Array.from({ length: COHORT_WEEKS }, (_, i) => `W${i + 1}`),
        values: cohort.postsPerWeek,
        unit: { one: 'post', many: 'posts' },
      }),
    })),
  };
}
