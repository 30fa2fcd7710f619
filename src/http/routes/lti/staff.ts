import { forbidden } from '../../../domain/errors';
import type { Actor } from '../../../policies/can';
import type { ErrorKey } from '../../../i18n/messages/en/errors';

/** The LTI pages for course staff (link picker, roster) refuse learners with a sentence saying why. */
export function requireStaff(actor: Actor, refusal: `errors.staffOnly.${string}` & ErrorKey): void {
  if (actor.membership.role !== 'staff') {
    throw forbidden('STAFF_ONLY', refusal);
  }
}
