import { forbidden } from '../domain/errors';
import { can, type Action, type Actor, type Target } from '../policies/can';

const REFUSALS: Partial<Record<Action, string>> = {
  'thread.announce': 'Only course staff can post announcements.',
  'reply.create': 'This thread is locked: staff closed it to new replies.',
  'post.edit': 'You can edit only your own posts, and not once they are deleted.',
  'post.delete': 'You can delete only your own posts.',
  'post.report': 'You cannot report your own post.',
  'post.endorse': 'Only course staff can endorse answers.',
  'answer.accept': 'Only the person who asked can accept an answer.',
  'thread.pin': 'Only course staff can pin threads.',
  'thread.lock': 'Only course staff can lock threads.',
  'post.hide': 'Only course staff can hide posts.',
  'post.history': 'Only course staff can see earlier versions of posts.',
  'moderation.view': 'Only course staff can see the moderation queue.',
  'settings.manage': 'Only course staff can change the room settings.',
  'alumni.manage': 'Only staff of a course linked to this alumni community can do that.',
  'alumni.prompt': 'Only staff and the mentors staff designated can schedule prompts.',
  'questions.triage': 'Only course staff can see the unanswered-questions queue and route questions.',
  'insights.view': 'Only course staff can see the course insights.',
  'champions.manage': 'Only course staff can choose community champions.',
  'course.export': 'Only course staff can export the course\'s discussions.',
  'grades.manage': 'Only course staff can set up participation grades and see everyone\'s. Your own is on "How my participation grade is computed".',
};

export function authorize(actor: Actor, action: Action, target: Target): void {
  if (actor.readOnly && !can(actor, action, target) && can({ ...actor, readOnly: false }, action, target)) {
    throw forbidden('READ_ONLY', 'Current learners can read this alumni space but not post in it: its staff chose so. You can still ask alumni a question from the space\'s page.');
  }
  if (!can(actor, action, target)) {
    throw forbidden('FORBIDDEN', REFUSALS[action] ?? 'You are not allowed to do that in this course.');
  }
}
