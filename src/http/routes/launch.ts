import type { Request, Response } from 'express';
import { recordLaunch, type LaunchFacts } from '../../commands/record-launch';
import type { CommandContext } from '../../commands/context';
import { courseLifeFacts, noteCourseLaunch } from '../../commands/alumni/launch-facts';
import type { LaunchContext, LaunchOutcome } from '../../lti';
import { startSession, type SessionOptions } from '../middleware/session';
import { landingFor } from './lti/landing';

/**
 * What happens after a verified launch: remember course, person and role, sign the browser in, and
 * say where it lands (the course home, a deep-linked item, or the deep-linking picker); the LTI
 * layer answers the browser (a 303 redirect, or the platform-storage page's JSON).
 */
export function launchHandler(ctx: CommandContext, sessions: SessionOptions) {
  return async (launch: LaunchContext, req: Request, res: Response): Promise<LaunchOutcome> => {
    const { course, person, membership } = await recordLaunch(ctx, toFacts(launch));
    await noteCourseLaunch(ctx, { course, membership }, courseLifeFacts(launch.custom));
    await startSession(sessions, req, res, person.id);
    const location = await landingFor(ctx, launch, { courseId: course.id, personId: person.id });
    return { courseId: course.id, personId: person.id, role: membership.role, location };
  };
}

function toFacts(launch: LaunchContext): LaunchFacts {
  return {
    issuer: launch.issuer,
    clientId: launch.clientId,
    deploymentId: launch.deploymentId,
    contextId: launch.course.contextId,
    courseTitle: launch.course.title,
    courseLabel: launch.course.label,
    subject: launch.user.subject,
    name: launch.user.name,
    givenName: launch.user.givenName,
    familyName: launch.user.familyName,
    email: launch.user.email,
    locale: launch.locale,
    ltiRoles: launch.roles,
  };
}
