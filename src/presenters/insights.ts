import { ACTIVE_DAYS, COHORT_WEEKS, INSIGHT_WEEKS, type CohortFigures, type CourseInsights } from '../commands/care/insights';
import { displayName } from '../domain/person';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import { formatNumber } from '../i18n/format';
import { translator, type Translate } from '../i18n/translate';
import { hotseatUrl, PHASE_KEYS } from './hotseat';
import { barChartSvg } from '../rendering/svg-chart';
import { presentTime, type TimeView } from './time';

/**
 * The insights page: charts drawn on the server with a data table beside them, who is active or
 * silent (staff only see this page), how fast questions get a first answer, and a warning when the
 * community has gone quiet. Every definition is spelled out on the page.
 */
const weekLabels = new Map<Locale, Intl.DateTimeFormat>();
/** "12 Oct" / "12 oct": the Monday a week starts on. */
function weekLabel(locale: Locale, week: Date): string {
  let format = weekLabels.get(locale);
  if (!format) weekLabels.set(locale, (format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })));
  return format.format(week);
}

/** "45 minutes", "5 hours 10 minutes", "3 days": the one way Agora says how long something took. */
export function formatDuration(ms: number, locale: Locale): string {
  const t = translator(locale);
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return t('care.durationUnderMinute');
  if (minutes < 60) return t('care.durationMinutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return minutes % 60 === 0
      ? t('care.durationHours', { count: hours })
      : t('care.durationHoursMinutes', { hours: { key: 'care.durationHours', params: { count: hours } }, minutes: { key: 'care.durationMinutes', params: { count: minutes % 60 } } });
  }
  return t('care.durationDays', { count: Math.floor(hours / 24) });
}

export interface InsightsView {
  quietWarning: string | null;
  weeks: number;
  activeDays: number;
  charts: Array<{ svg: string; caption: string }>;
  table: Array<{ week: string; threads: number; replies: number; votes: number; hotseatQuestions: number; current: boolean }>;
  learners: { total: number; active: number; silent: number; neverParticipated: number; activeNames: string[]; silentNames: string[] };
  firstAnswer: { median: string | null; answered: number; withoutAnswer: number };
  unanswered: { total: number; overdue: number; targetHours: number };
  lastActivity: TimeView | null;
  quietDays: number;
  /** Each published hotseat with its archive figures (the hotseat page's summary), latest first. */
  hotseats: Array<{ title: string; url: string; phaseKey: string; startsAt: TimeView; questions: number; answered: number; votes: number; participants: number }>;
}

/** What a chart counts: its title, how one amount is said ("3 replies"), and the sentence for none at all. */
interface Series { key: string; title: string; values: readonly number[]; countKey: string; emptyKey: string }

/** The chart's <desc>: the total, the span, the busiest week. */
function summary(t: Translate, series: Series, labels: readonly string[]): string {
  const { values, countKey } = series;
  const total = values.reduce((sum, n) => sum + n, 0);
  if (total === 0) return t(series.emptyKey, { weeks: values.length });
  const most = values.indexOf(Math.max(...values));
  return t('care.chartSummary', {
    amount: { key: countKey, params: { count: total } }, weeks: values.length, first: labels[0], last: labels[labels.length - 1],
    busiest: labels[most], most: values[most],
  });
}

function chart(t: Translate, locale: Locale, series: Series, labels: readonly string[]): string {
  return barChartSvg({
    id: `chart-${series.key}`, title: series.title, description: summary(t, series, labels), labels, values: series.values,
    barTitle: (label, value) => t('care.chartBar', { label, amount: { key: series.countKey, params: { count: value } } }),
    formatValue: (value) => formatNumber(locale, value),
  });
}

export function presentInsights(insights: CourseInsights, locale: Locale = DEFAULT_LOCALE): InsightsView {
  const { participation: p, learners, settings } = insights;
  const t = translator(locale);
  const labels = p.weeks.map((week) => weekLabel(locale, week));
  const series: Series[] = [
    { key: 'threads', title: t('care.chartThreads'), values: p.threads, countKey: 'care.threadCount', emptyKey: 'care.chartEmptyThreads' },
    { key: 'replies', title: t('care.chartReplies'), values: p.replies, countKey: 'care.replyCount', emptyKey: 'care.chartEmptyReplies' },
    { key: 'votes', title: t('care.chartVotes'), values: p.votes, countKey: 'care.voteCount', emptyKey: 'care.chartEmptyVotes' },
    {
      key: 'hotseat-questions', title: t('careWiring.chartHotseatQuestions'), values: p.hotseatQuestions,
      countKey: 'care.hotseatQuestionCount', emptyKey: 'care.chartEmptyHotseatQuestions',
    },
  ];
  const quietFor = insights.quiet.lastActivityAt ? Math.floor((insights.now.getTime() - insights.quiet.lastActivityAt.getTime()) / 86_400_000) : null;
  return {
    quietWarning: !insights.quiet.isQuiet ? null : quietFor === null
      ? t('care.quietNeverPosted')
      : t('care.quietWarning', {
        since: { key: 'care.dayCount', params: { count: quietFor } }, threshold: { key: 'care.dayCount', params: { count: settings.quietDays } },
      }),
    weeks: INSIGHT_WEEKS,
    activeDays: ACTIVE_DAYS,
    charts: series.map((s) => ({ svg: chart(t, locale, s, labels), caption: s.title })),
    table: labels.map((week, i) => ({
      week, threads: p.threads[i]!, replies: p.replies[i]!, votes: p.votes[i]!, hotseatQuestions: p.hotseatQuestions[i]!, current: i === labels.length - 1,
    })),
    learners: {
      total: learners.total,
      active: learners.active.length,
      silent: learners.silent.length,
      neverParticipated: learners.neverParticipated,
      activeNames: learners.active.map((person) => displayName(person)),
      silentNames: learners.silent.map((person) => displayName(person)),
    },
    firstAnswer: {
      median: insights.firstAnswer.medianMs === null ? null : formatDuration(insights.firstAnswer.medianMs, locale),
      answered: insights.firstAnswer.answered,
      withoutAnswer: insights.firstAnswer.withoutAnswer,
    },
    unanswered: { ...insights.unanswered, targetHours: settings.answerTargetHours },
    lastActivity: insights.quiet.lastActivityAt ? presentTime(insights.quiet.lastActivityAt) : null,
    quietDays: settings.quietDays,
    hotseats: insights.hotseats.map(({ hotseat, phase, summary }) => ({
      title: hotseat.title, url: hotseatUrl(hotseat.courseId, hotseat.id), phaseKey: PHASE_KEYS[phase], startsAt: presentTime(hotseat.startsAt), ...summary,
    })),
  };
}

/** A community-level view across cohorts: counts per course run, no names. */
export function presentCohortTrends(cohorts: readonly CohortFigures[], locale: Locale = DEFAULT_LOCALE) {
  const t = translator(locale);
  const barLabels = Array.from({ length: COHORT_WEEKS }, (_, i) => t('care.weekShort', { n: i + 1 }));
  return {
    weeks: Array.from({ length: COHORT_WEEKS }, (_, i) => t('care.weekNumber', { n: i + 1 })),
    cohorts: cohorts.map((cohort) => ({
      title: cohort.title,
      learners: cohort.learners,
      participatingLearners: cohort.participatingLearners,
      graduates: cohort.graduates,
      postsPerWeek: cohort.postsPerWeek,
      medianFirstAnswer: cohort.medianFirstAnswerMs === null ? null : formatDuration(cohort.medianFirstAnswerMs, locale),
      chart: barChartSvg({
        id: `cohort-${cohort.courseId}`,
        title: t('care.cohortChartTitle', { title: cohort.title }),
        description: t('care.cohortChartDescription', { weeks: COHORT_WEEKS }),
        labels: barLabels,
        values: cohort.postsPerWeek,
        barTitle: (label, value) => t('care.chartBar', { label, amount: { key: 'care.postCount', params: { count: value } } }),
        formatValue: (value) => formatNumber(locale, value),
      }),
    })),
  };
}
