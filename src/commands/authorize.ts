import { forbidden } from '../domain/errors';
import { can, type Action, type Actor } from '../policies/can';

export function authorize(actor: Actor, action: Action, target: { courseId: string }): void {
  if (!can(actor, action, target)) {
    throw forbidden('FORBIDDEN', 'You are not allowed to do that in this course.');
  }
}
