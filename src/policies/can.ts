import type { CourseRole, Membership } from '../domain/membership';
import type { Person } from '../domain/person';

/** Who is acting: a person, and their membership of the course the action is about. */
export interface Actor {
  person: Person;
  membership: Membership;
  /** In an alumni space: a current learner whose community lets learners read but not post. */
  readOnly?: boolean;
  /** In an alumni space: someone staff designated to schedule prompts. */
  mentor?: boolean;
  /** A learner staff marked as a community champion of this course: may pin and lock threads, nothing more. */
  champion?: boolean;
}

/**
 * Whom a rule is asked about: an acting person, or (for what a page or a broadcast offers) a viewer
 * of a role. A viewer with personId '' is "anyone of that role who is not the author".
 */
export interface Subject {
  personId: string;
  courseId: string;
  role: CourseRole;
  readOnly?: boolean;
  mentor?: boolean;
  champion?: boolean;
}

export function subjectOf(actor: Actor): Subject {
  const subject: Subject = { personId: actor.person.id, courseId: actor.membership.courseId, role: actor.membership.role };
  if (actor.readOnly) subject.readOnly = true;
  if (actor.mentor) subject.mentor = true;
  if (actor.champion) subject.champion = true;
  return subject;
}

/** What an action is about. Only the fields a rule needs are given. */
export interface Target {
  courseId: string;
  authorId?: string;
  locked?: boolean;
  deleted?: boolean;
}

export type Action =
  | 'course.view'
  | 'thread.create'
  | 'thread.announce'
  | 'reply.create'
  | 'post.edit'
  | 'post.delete'
  | 'post.vote'
  | 'post.report'
  | 'post.endorse'
  | 'answer.accept'
  | 'thread.pin'
  | 'thread.lock'
  | 'post.hide'
  | 'post.seeHidden'
  | 'post.history'
  | 'moderation.view'
  | 'settings.manage'
  | 'grades.manage'
  | 'alumni.manage'
  | 'alumni.prompt'
  | 'questions.triage'
  | 'insights.view'
  | 'champions.manage'
  | 'course.export';

const isStaff = (who: Subject) => who.role === 'staff';
const isChampion = (who: Subject) => who.champion === true;
const isAuthor = (who: Subject, target: Target) => target.authorId !== undefined && who.personId !== '' && target.authorId === who.personId;

/**
 * Declarative rules: each action lists who may do it. Every command asks here before touching
 * storage, so HTTP and socket paths are authorised alike, and presenters ask here what to offer.
 * A membership of another course never grants anything.
 */
const RULES: Record<Action, (who: Subject, target: Target) => boolean> = {
  'course.view': () => true,
  'thread.create': () => true,
  'thread.announce': isStaff,
  // A locked thread takes no more replies, except from staff.
  'reply.create': (who, target) => !target.locked || isStaff(who),
  'post.edit': (who, target) => isAuthor(who, target) && !target.deleted,
  'post.delete': (who, target) => (isAuthor(who, target) || isStaff(who)) && !target.deleted,
  'post.vote': (_who, target) => !target.deleted,
  'post.report': (who, target) => !isAuthor(who, target) && !target.deleted,
  'post.endorse': isStaff,
  // The asker accepts an answer to their own question.
  'answer.accept': (who, target) => isAuthor(who, target),
  // Community champions tend their community's rooms: pin and lock, and nothing else staff can do.
  'thread.pin': (who) => isStaff(who) || isChampion(who),
  'thread.lock': (who) => isStaff(who) || isChampion(who),
  'post.hide': isStaff,
  'post.seeHidden': isStaff,
  'post.history': isStaff,
  'moderation.view': isStaff,
  'settings.manage': isStaff,
  // Participation grades: the rubric, every learner's score, sending them to the LMS.
  'grades.manage': isStaff,
  // The alumni community: linking, graduating and its settings are for staff; prompts also for mentors.
  'alumni.manage': isStaff,
  'alumni.prompt': (who) => isStaff(who) || who.mentor === true,
  // Community care: the unanswered queue and routing, insights, champions, the course export.
  'questions.triage': isStaff,
  'insights.view': isStaff,
  'champions.manage': isStaff,
  'course.export': isStaff,
};

/** What a read-only viewer (see Actor.readOnly) may not do: start threads, reply, vote. */
const WRITES = new Set<Action>(['thread.create', 'thread.announce', 'reply.create', 'post.vote']);

export function can(who: Actor | Subject, action: Action, target: Target): boolean {
  if ('person' in who && who.membership.personId !== who.person.id) return false;
  const subject = 'person' in who ? subjectOf(who) : who;
  if (subject.courseId !== target.courseId) return false;
  if (subject.readOnly && WRITES.has(action)) return false;
  return RULES[action](subject, target);
}
