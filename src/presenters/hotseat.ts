import type { Directory } from '../commands/discussion/directory';
import type { HotseatListEntry, HotseatPageData } from '../commands/hotseat/read';
import { compareRanking, type Hotseat, type HotseatFollowUp, type HotseatPhase, type HotseatQuestion, type QuestionStatus } from '../domain/hotseat';
import { displayName } from '../domain/person';
import type { Subject } from '../policies/can';
import { canInHotseat, type HotseatSubject } from '../policies/hotseat';
import { personNameMessage, presentAuthor, type AuthorView } from './authors';
import { threadUrl } from './discussion';
import { DEFAULT_LOCALE } from '../i18n/locales';
import { translate, type NestedMessage } from '../i18n/translate';
import { presentTime, type TimeView } from './time';

/**
 * The hotseat's views, shared by its pages, its JSON and its live events. Who sees a question at
 * all is decided when loading (read.ts); here: whose name, which actions, and in what order.
 */
export const hotseatUrl = (courseId: string, hotseatId: string) => `/c/${courseId}/hotseats/${hotseatId}`;
export const hotseatListUrl = (courseId: string) => `/c/${courseId}/hotseats`;

/** The catalog key naming each phase and question state: templates translate them for the viewer. */
export const PHASE_KEYS: Record<HotseatPhase, string> = {
  draft: 'hotseat.phaseDraft', scheduled: 'hotseat.phaseScheduled', collecting: 'hotseat.phaseCollecting', live: 'hotseat.phaseLive', closed: 'hotseat.phaseClosed',
};

const STATUS_KEYS: Record<QuestionStatus, string> = {
  pending: 'hotseat.statusPending', open: 'hotseat.statusOpen', answered: 'hotseat.statusAnswered', dismissed: 'hotseat.statusDismissed',
  declined: 'hotseat.statusDeclined', withdrawn: 'hotseat.statusWithdrawn', merged: 'hotseat.statusMerged',
};

/** The phase in English, for the live event's label (one event goes to every viewer of the room). */
export const PHASE_LABELS = Object.fromEntries(
  Object.entries(PHASE_KEYS).map(([phase, key]) => [phase, translate(DEFAULT_LOCALE, key)]),
) as Record<HotseatPhase, string>;

/** The viewer as the anonymity rule knows them: a guest host sees names as a learner does. */
export function authorViewer(subject: HotseatSubject, courseId: string): Subject {
  return { personId: subject.personId, courseId, role: subject.role === 'staff' ? 'staff' : 'learner' };
}

export interface FollowUpView {
  id: string;
  author: AuthorView;
  bodyHtml: string;
  createdAt: TimeView;
}

export interface QuestionView {
  id: string;
  bodyHtml: string;
  /** The Markdown the edit form starts from: for the asker, while they may still edit it. */
  bodySource: string | null;
  author: AuthorView;
  status: QuestionStatus;
  /** Catalog key of the state's name. */
  statusKey: string;
  hidden: boolean;
  voteCount: number;
  voteVersion: number;
  voted: boolean;
  /** Only the asker (and hosts) learn why a question was declined. */
  declineReason: string | null;
  answerHtml: string | null;
  answeredLive: boolean;
  answeredBy: string | null;
  /** Set where Agora words the host's name itself ("Former member"), for the viewer's language. */
  answeredByMessage: NestedMessage | null;
  answeredAt: TimeView | null;
  mergedIntoId: string | null;
  convertedThreadUrl: string | null;
  answeringNow: boolean;
  createdAt: TimeView;
  edited: boolean;
  followUps: FollowUpView[];
  permissions: { canVote: boolean; canEdit: boolean; canWithdraw: boolean; canFollowUp: boolean; canModerate: boolean };
}

export interface QuestionContext {
  hotseat: Pick<Hotseat, 'courseId' | 'answeringQuestionId'>;
  phase: HotseatPhase;
  viewer: HotseatSubject;
  directory: Directory;
  votedIds: ReadonlySet<string>;
  followUps: readonly HotseatFollowUp[];
}

/** A person's name (English where Agora words it), and the message pages say instead in the viewer's language. */
function nameOf(directory: Directory, personId: string): { name: string; nameMessage: NestedMessage | null } {
  const person = directory.people.get(personId);
  return { name: person ? displayName(person) : 'Former member', nameMessage: personNameMessage(person) };
}

export function presentQuestion(question: HotseatQuestion, context: QuestionContext): QuestionView {
  const { viewer, phase, directory } = context;
  const asViewer = authorViewer(viewer, context.hotseat.courseId);
  const target = { phase, question };
  const runsIt = canInHotseat(viewer, 'question.seePending', { phase });
  const isAsker = question.authorId === viewer.personId;
  const canEdit = canInHotseat(viewer, 'question.edit', target);
  return {
    id: question.id,
    bodyHtml: question.bodyHtml,
    bodySource: canEdit ? question.bodySource : null,
    author: presentAuthor(question, asViewer, directory),
    status: question.status,
    statusKey: STATUS_KEYS[question.status],
    hidden: question.hidden,
    voteCount: question.voteCount,
    voteVersion: question.voteVersion,
    voted: context.votedIds.has(question.id),
    declineReason: isAsker || runsIt ? question.declineReason : null,
    answerHtml: question.answerHtml,
    answeredLive: question.status === 'answered' && question.answerHtml === null,
    // Hosts answer under their own names (guests under the name they chose).
    answeredBy: question.answeredBy ? nameOf(directory, question.answeredBy).name : null,
    answeredByMessage: question.answeredBy ? nameOf(directory, question.answeredBy).nameMessage : null,
    answeredAt: question.answeredAt ? presentTime(question.answeredAt) : null,
    mergedIntoId: question.mergedIntoId,
    convertedThreadUrl: question.convertedThreadId ? threadUrl(question.courseId, question.convertedThreadId) : null,
    answeringNow: context.hotseat.answeringQuestionId === question.id,
    createdAt: presentTime(question.createdAt),
    edited: question.editedAt !== null,
    followUps: context.followUps.filter((f) => f.questionId === question.id).map((f) => ({
      id: f.id, author: presentAuthor(f, asViewer, directory), bodyHtml: f.bodyHtml, createdAt: presentTime(f.createdAt),
    })),
    permissions: {
      canVote: canInHotseat(viewer, 'question.vote', target),
      canEdit,
      canWithdraw: canInHotseat(viewer, 'question.withdraw', target),
      canFollowUp: canInHotseat(viewer, 'question.followUp', target),
      canModerate: runsIt && canInHotseat(viewer, 'question.moderate', target),
    },
  };
}

export interface HotseatSummaryView {
  id: string;
  title: string;
  url: string;
  phase: HotseatPhase;
  /** Catalog key of the phase's name. */
  phaseKey: string;
  isLive: boolean;
  opensAt: TimeView;
  startsAt: TimeView;
  endsAt: TimeView;
  questionCount: number;
}

export function presentHotseatSummary(entry: HotseatListEntry): HotseatSummaryView {
  const { hotseat, phase } = entry;
  return {
    id: hotseat.id, title: hotseat.title, url: hotseatUrl(hotseat.courseId, hotseat.id), phase, phaseKey: PHASE_KEYS[phase],
    isLive: phase === 'live', opensAt: presentTime(hotseat.opensAt), startsAt: presentTime(hotseat.startsAt), endsAt: presentTime(hotseat.endsAt),
    questionCount: entry.questionCount,
  };
}

/** Upcoming (soonest first), live, and past (latest first): how the course home and the list show them. */
export function groupHotseats(entries: readonly HotseatListEntry[]) {
  const views = entries.map(presentHotseatSummary);
  return {
    live: views.filter((v) => v.phase === 'live'),
    upcoming: views.filter((v) => v.phase === 'collecting' || v.phase === 'scheduled'),
    drafts: views.filter((v) => v.phase === 'draft'),
    past: views.filter((v) => v.phase === 'closed').reverse(),
  };
}

/** The hotseat page as one viewer sees it: the ranking, the host's lists, their own questions. */
export function presentHotseatPage(data: HotseatPageData, viewer: HotseatSubject) {
  const { hotseat, phase, directory } = data;
  const context: QuestionContext = { hotseat, phase, viewer, directory, votedIds: data.votedIds, followUps: data.followUps };
  const views = [...data.questions].sort(compareRanking).map((q) => presentQuestion(q, context));
  const runsIt = canInHotseat(viewer, 'question.seePending', { phase });
  const byStatus = (status: QuestionStatus) => views.filter((v) => v.status === status && (!v.hidden || runsIt));
  const answered = byStatus('answered').sort((a, b) => (b.answeredAt?.iso ?? '').localeCompare(a.answeredAt?.iso ?? ''));
  const isStaff = viewer.role === 'staff';
  return {
    id: hotseat.id,
    title: hotseat.title,
    descriptionHtml: hotseat.descriptionHtml,
    url: hotseatUrl(hotseat.courseId, hotseat.id),
    listUrl: hotseatListUrl(hotseat.courseId),
    phase,
    phaseKey: PHASE_KEYS[phase],
    isDraft: phase === 'draft',
    isClosed: phase === 'closed',
    isLive: phase === 'live',
    opensAt: presentTime(hotseat.opensAt),
    startsAt: presentTime(hotseat.startsAt),
    endsAt: presentTime(hotseat.endsAt),
    premoderation: hotseat.premoderation,
    convertOnClose: hotseat.convertOnClose,
    hosts: data.hosts.map((h) => ({ personId: h.personId, ...nameOf(directory, h.personId), bio: h.bio, isGuest: h.kind === 'guest' })),
    answering: views.find((v) => v.answeringNow) ?? null,
    open: byStatus('open'),
    answered,
    dismissed: byStatus('dismissed'),
    pending: runsIt ? byStatus('pending') : [],
    hiddenQuestions: runsIt ? views.filter((v) => v.hidden) : [],
    mine: views.filter((v) => v.author.isYou),
    summary: data.summary,
    /** Unanswered questions staff may still turn into discussion threads. */
    convertible: phase === 'closed' ? views.filter((v) => v.status === 'open' && !v.hidden && v.convertedThreadUrl === null).length : 0,
    permissions: {
      canAsk: canInHotseat(viewer, 'question.ask', { phase }),
      canModerate: runsIt && canInHotseat(viewer, 'question.moderate', { phase }),
      canManage: isStaff && phase !== 'closed',
      canConvert: canInHotseat(viewer, 'question.convert', { phase }),
      isGuest: viewer.role === 'guest',
    },
  };
}

export type HotseatPageView = ReturnType<typeof presentHotseatPage>;
