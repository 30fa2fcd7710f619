import { isErased } from '../../domain/care';
import type { Course } from '../../domain/course';
import { DEFAULT_DIGEST_FREQUENCY, type DigestFrequency } from '../../domain/digest';
import type { Actor } from '../../policies/can';
import { authorize } from '../authorize';
import type { CommandContext } from '../context';

/**
 * A person's choice of email digests. It is theirs alone (the session says who), one choice across
 * all their courses; any course they are in shows the page, so it is reached from where they are.
 */
export interface DigestSettings {
  frequency: DigestFrequency;
  /** False while they never chose: `frequency` is then the default. */
  chosen: boolean;
  /** Where digests go; null when the LMS never shared an address (then no digest is sent). */
  email: string | null;
}

export async function readDigestSettings(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>): Promise<DigestSettings> {
  authorize(actor, 'course.view', { courseId: course.id });
  const preference = await ctx.storage.digests.findPreference(actor.person.id);
  return { frequency: preference?.frequency ?? DEFAULT_DIGEST_FREQUENCY, chosen: preference !== null, email: actor.person.email };
}

export async function chooseDigestFrequency(ctx: CommandContext, actor: Actor, course: Pick<Course, 'id'>, frequency: DigestFrequency): Promise<DigestSettings> {
  authorize(actor, 'course.view', { courseId: course.id });
  await ctx.storage.digests.savePreference({ personId: actor.person.id, frequency, updatedAt: ctx.now() });
  return { frequency, chosen: true, email: actor.person.email };
}

/**
 * The unsubscribe link's action: no session, the signed link says who (http/routes/digest checks
 * it). Returns false when Agora no longer knows the person (erased: nothing to stop, nothing stored).
 */
export async function unsubscribeFromDigests(ctx: CommandContext, personId: string): Promise<boolean> {
  const person = await ctx.storage.people.findById(personId);
  if (!person || isErased(person)) return false;
  await ctx.storage.digests.savePreference({ personId, frequency: 'none', updatedAt: ctx.now() });
  return true;
}
