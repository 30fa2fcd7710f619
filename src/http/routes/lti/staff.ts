import { forbidden } from '../../../domain/errors';
import type { Actor } from '../../../policies/can';

/** The LTI pages for course staff (link picker, roster) refuse learners with a sentence saying why. */
export function requireStaff(actor: Actor, what: string): void {
  if (actor.membership.role !== 'staff') {
    throw forbidden('STAFF_ONLY', `Only course staff can ${what}. You can keep using Agora from the course as usual; ask your teacher if you need this.`);
  }
}
