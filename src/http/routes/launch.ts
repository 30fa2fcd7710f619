import type { Request, Response } from 'express';
import { recordLaunch, type LaunchFacts } from '../../commands/record-launch';
import type { CommandContext } from '../../commands/context';
import type { LaunchContext } from '../../lti';
import { startSession, type SessionOptions } from '../middleware/session';

/** What happens after a verified launch: remember course, person and role, sign the browser in, go to the course. */
export function launchHandler(ctx: CommandContext, sessions: SessionOptions) {
  return async (launch: LaunchContext, req: Request, res: Response): Promise<void> => {
    const { course, person } = await recordLaunch(ctx, toFacts(launch));
    await startSession(sessions, req, res, person.id);
    // 303: the browser follows with a GET, so a reload of the course home never re-posts the launch.
    res.redirect(303, `/c/${course.id}`);
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
    ltiRoles: launch.roles,
  };
}
