import { forbidden } from '../domain/errors';
import type { ErrorKey } from '../i18n/messages/en/errors';
import { can, type Action, type Actor, type Target } from '../policies/can';

const REFUSALS: Partial<Record<Action, ErrorKey>> = {
  'thread.announce': 'errors.refused.threadAnnounce',
  'reply.create': 'errors.refused.replyCreate',
  'post.edit': 'errors.refused.postEdit',
  'post.delete': 'errors.refused.postDelete',
  'post.report': 'errors.refused.postReport',
  'post.endorse': 'errors.refused.postEndorse',
  'answer.accept': 'errors.refused.answerAccept',
  'thread.pin': 'errors.refused.threadPin',
  'thread.lock': 'errors.refused.threadLock',
  'post.hide': 'errors.refused.postHide',
  'post.history': 'errors.refused.postHistory',
  'moderation.view': 'errors.refused.moderationView',
  'settings.manage': 'errors.refused.settingsManage',
  'alumni.manage': 'errors.refused.alumniManage',
  'alumni.prompt': 'errors.refused.alumniPrompt',
  'questions.triage': 'errors.refused.questionsTriage',
  'insights.view': 'errors.refused.insightsView',
  'champions.manage': 'errors.refused.championsManage',
  'course.export': 'errors.refused.courseExport',
  'grades.manage': 'errors.refused.gradesManage',
};

export function authorize(actor: Actor, action: Action, target: Target): void {
  if (actor.readOnly && !can(actor, action, target) && can({ ...actor, readOnly: false }, action, target)) {
    throw forbidden('READ_ONLY', 'errors.readOnly');
  }
  if (!can(actor, action, target)) {
    throw forbidden('FORBIDDEN', REFUSALS[action] ?? 'errors.forbidden');
  }
}
