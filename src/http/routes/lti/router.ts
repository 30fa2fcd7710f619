import { Router } from 'express';
import type { CommandContext } from '../../../commands/context';
import type { Lti } from '../../../lti';
import type { SessionOptions } from '../../middleware/session';
import { deepLinkRouter } from './deep-link';
import { launchHandoffRouter } from './handoff';
import { rosterRouter } from './roster';

/** Agora's own pages for LTI Advantage: launch handoff, the deep-linking picker, the roster. */
export function ltiPagesRouter(ctx: CommandContext, lti: Pick<Lti, 'deepLinking' | 'roster'>, sessions: SessionOptions): Router {
  const router = Router();
  router.use(launchHandoffRouter(ctx, sessions));
  router.use(deepLinkRouter(ctx, lti));
  router.use(rosterRouter(ctx, lti));
  return router;
}
