import { acceptsQuestions, type HotseatPhase, type QuestionStatus } from '../domain/hotseat';
import type { ErrorKey } from '../i18n/messages/en/errors';

/**
 * Who may do what in one hotseat. A hotseat has three kinds of people: course staff, course
 * learners, and guest hosts from outside the LMS, who belong to no course and may act only as
 * host of the one hotseat they were invited to, until it closes. Course staff manage every
 * hotseat of their course; a host (staff or guest) runs the questions of their own.
 */
export interface HotseatSubject {
  personId: string;
  role: 'staff' | 'learner' | 'guest';
  isHost: boolean;
}

export interface HotseatTarget {
  phase: HotseatPhase;
  question?: { authorId: string; status: QuestionStatus; hidden: boolean };
}

export type HotseatAction =
  | 'hotseat.view'
  | 'hotseat.manage'
  | 'question.ask'
  | 'question.vote'
  | 'question.edit'
  | 'question.withdraw'
  | 'question.followUp'
  | 'question.moderate'
  | 'question.seePending'
  | 'question.convert';

const isStaff = (who: HotseatSubject) => who.role === 'staff';
const runsIt = (who: HotseatSubject) => who.isHost || isStaff(who);
const isMember = (who: HotseatSubject) => who.role !== 'guest';
const isOpen = (target: HotseatTarget) => acceptsQuestions(target.phase);
const isAsker = (who: HotseatSubject, target: HotseatTarget) => target.question !== undefined && target.question.authorId === who.personId;
const stillAwaiting = (target: HotseatTarget) => target.question?.status === 'pending' || target.question?.status === 'open';

const RULES: Record<HotseatAction, (who: HotseatSubject, target: HotseatTarget) => boolean> = {
  // Drafts are staff's work in progress; a guest's access ends when the hotseat closes.
  'hotseat.view': (who, target) => (target.phase === 'draft' ? isStaff(who) : who.role !== 'guest' || (who.isHost && target.phase !== 'closed')),
  'hotseat.manage': isStaff,
  'question.ask': (who, target) => isMember(who) && isOpen(target),
  'question.vote': (who, target) => isMember(who) && isOpen(target) && target.question?.status === 'open' && !target.question.hidden,
  // The asker may change or take back a question until the host has dealt with it.
  'question.edit': (who, target) => isAsker(who, target) && isOpen(target) && stillAwaiting(target),
  'question.withdraw': (who, target) => isAsker(who, target) && isOpen(target) && stillAwaiting(target),
  'question.followUp': (who, target) => isOpen(target) && target.question !== undefined && !target.question.hidden
    && ['open', 'answered'].includes(target.question.status) && (isMember(who) || who.isHost),
  // Hosts run the questions while the hotseat is open; afterwards it is a read-only record.
  'question.moderate': (who, target) => runsIt(who) && target.phase !== 'closed' && target.phase !== 'draft',
  'question.seePending': runsIt,
  'question.convert': (who, target) => isStaff(who) && target.phase === 'closed',
};

export function canInHotseat(who: HotseatSubject, action: HotseatAction, target: HotseatTarget): boolean {
  return RULES[action](who, target);
}

/** Why an action was refused, phrased for the person who tried. */
export function hotseatRefusal(action: HotseatAction, target: HotseatTarget): ErrorKey {
  const phaseNote: Partial<Record<HotseatPhase, ErrorKey>> = {
    draft: 'errors.hotseatRefused.draftQuestions',
    scheduled: 'errors.hotseatRefused.notOpenYet',
    closed: 'errors.hotseatRefused.closed',
  };
  switch (action) {
    case 'hotseat.view': return target.phase === 'draft' ? 'errors.hotseatRefused.draftView' : 'errors.hotseatRefused.notOpenToYou';
    case 'hotseat.manage': return 'errors.hotseatStaffOnly';
    case 'question.ask': return phaseNote[target.phase] ?? 'errors.hotseatRefused.ask';
    case 'question.vote': return phaseNote[target.phase] ?? 'errors.hotseatRefused.vote';
    case 'question.edit':
    case 'question.withdraw': return phaseNote[target.phase] ?? 'errors.hotseatRefused.edit';
    case 'question.followUp': return phaseNote[target.phase] ?? 'errors.hotseatRefused.followUp';
    case 'question.moderate': return phaseNote[target.phase] ?? 'errors.hotseatRefused.moderate';
    case 'question.seePending': return 'errors.hotseatRefused.seePending';
    case 'question.convert': return target.phase === 'closed' ? 'errors.hotseatRefused.convertStaff' : 'errors.hotseatRefused.convertAfterClose';
  }
}
