import { Router } from 'express';
import { unauthorized } from '../../../domain/errors';
import { HandoffData } from '../../../lti/launch-flow';
import type { CommandContext } from '../../../commands/context';
import { handle } from '../../async-handler';
import { startSession, type SessionOptions } from '../../middleware/session';

/**
 * The two requests of a launch whose cookies the LMS frame blocks (see lti/launch-flow.ts):
 * - GET /launch/session: whether this browser kept Agora's session cookie (the launch page asks);
 * - GET /launch/new-window/:code: opened in a new window, where cookies are first-party: signs the
 *   browser in for the launch that was verified in the frame, once, within two minutes.
 */
export function launchHandoffRouter(ctx: CommandContext, sessions: SessionOptions): Router {
  const router = Router();

  router.get('/launch/session', (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json({ ok: true, data: { signedIn: Boolean(req.session) } });
  });

  router.get('/launch/new-window/:code', handle(async (req, res) => {
    const ticket = await ctx.storage.ltiTickets.take('handoff', String(req.params.code), ctx.now());
    const handoff = ticket ? HandoffData.safeParse(ticket.data) : null;
    if (!handoff?.success) {
      throw unauthorized('LTI_HANDOFF_INVALID', 'errors.ltiHandoffInvalid');
    }
    await startSession(sessions, req, res, handoff.data.personId);
    res.redirect(303, handoff.data.location);
  }));

  return router;
}
