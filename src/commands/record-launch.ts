import type { Course } from '../domain/course';
import { newId } from '../domain/ids';
import type { Membership } from '../domain/membership';
import type { Person } from '../domain/person';
import { courseRoleFromLti } from '../domain/roles';
import type { CommandContext } from './context';

/** The facts of a verified launch that Agora keeps. */
export interface LaunchFacts {
  issuer: string;
  clientId: string;
  deploymentId: string;
  contextId: string;
  courseTitle: string;
  courseLabel: string | null;
  subject: string;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  /** `launch_presentation.locale` as sent; null when the launch had none. */
  locale: string | null;
  ltiRoles: string[];
}

/**
 * A launch maps (issuer, client id, deployment, context) to a Course and (issuer, sub) to a Person,
 * and records the person's role in the course, all or nothing.
 */
export async function recordLaunch(ctx: CommandContext, facts: LaunchFacts): Promise<{ course: Course; person: Person; membership: Membership }> {
  const now = ctx.now();
  return ctx.storage.transaction(async (tx) => {
    const course = await tx.courses.upsertByKey(
      { issuer: facts.issuer, clientId: facts.clientId, deploymentId: facts.deploymentId, contextId: facts.contextId },
      { id: newId(now.getTime()), title: facts.courseTitle, label: facts.courseLabel, now },
    );
    const person = await tx.people.upsertByIdentity(
      { issuer: facts.issuer, subject: facts.subject },
      { id: newId(now.getTime()), name: facts.name, givenName: facts.givenName, familyName: facts.familyName, email: facts.email, locale: facts.locale, now },
    );
    const membership = await tx.memberships.recordLaunch({
      courseId: course.id,
      personId: person.id,
      role: courseRoleFromLti(facts.ltiRoles),
      ltiRoles: facts.ltiRoles,
      now,
    });
    return { course, person, membership };
  });
}
