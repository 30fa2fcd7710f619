import type { Membership } from '../domain/membership';
import type { Person } from '../domain/person';

/** Who is acting: a person, and their membership of the course the action is about. */
export interface Actor {
  person: Person;
  membership: Membership;
}

export type Action = 'course.view' | 'thread.create' | 'reply.create';

/**
 * Declarative rules: each action lists who may do it. Every command asks here before touching
 * storage, so HTTP and socket paths are authorised the same way. A membership of another course
 * never grants anything: callers pass the membership of the course the target belongs to.
 */
const RULES: Record<Action, (actor: Actor) => boolean> = {
  'course.view': () => true,
  'thread.create': () => true,
  'reply.create': () => true,
};

export function can(actor: Actor, action: Action, target: { courseId: string }): boolean {
  if (actor.membership.courseId !== target.courseId || actor.membership.personId !== actor.person.id) return false;
  return RULES[action](actor);
}
