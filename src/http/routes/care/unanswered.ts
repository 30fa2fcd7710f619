import { Router, type Request, type Response } from 'express';
import type { CommandContext } from '../../../commands/context';
import { loadUnansweredQueue, routeQuestion, suggestHelpers } from '../../../commands/care/unanswered';
import { translator } from '../../../i18n/translate';
import { subjectOf } from '../../../policies/can';
import { presentRoutingChoice, presentUnansweredQueue } from '../../../presenters/care';
import { handle } from '../../async-handler';
import { member } from '../../middleware/course-member';
import { requestLocale } from '../../middleware/locale';
import { wantsJson } from '../../middleware/errors';
import { validate } from '../../middleware/validate';
import { respond } from '../discussion/respond';
import { orReshow, pageBase } from './page';
import { RouteBody } from './schema';

/** Staff's queue of questions waiting for an answer, and routing one to people likely to know. */
export function unansweredRoutes(ctx: CommandContext): Router {
  const router = Router();

  router.get('/c/:courseId/care/unanswered', handle(async (req, res) => {
    const { actor, course } = member(res);
    const queue = presentUnansweredQueue(await loadUnansweredQueue(ctx, actor, course), subjectOf(actor), requestLocale(req, res));
    if (wantsJson(req)) {
      res.json({ ok: true, data: queue });
      return;
    }
    res.render('pages/unanswered', { ...pageBase(req, res, translator(requestLocale(req, res))('discussion.unansweredHeading')), queue });
  }));

  const renderChoice = async (req: Request, res: Response, form: { error?: string; notice?: string } = {}) => {
    const { actor, course } = member(res);
    const choice = presentRoutingChoice(await suggestHelpers(ctx, actor, course, String(req.params.threadId)), subjectOf(actor));
    if (wantsJson(req)) {
      res.json({ ok: true, data: choice });
      return;
    }
    res.render('pages/route-question', { ...pageBase(req, res, translator(requestLocale(req, res))('discussion.routeHeading')), choice, error: form.error ?? null, notice: form.notice ?? null });
  };

  router.get('/c/:courseId/care/unanswered/:threadId', handle((req, res) => {
    // After a routing (post/redirect/get), say what happened.
    const routed = req.query.routed === undefined ? NaN : Number(req.query.routed);
    if (!Number.isInteger(routed) || routed < 0) return renderChoice(req, res);
    const t = translator(requestLocale(req, res));
    return renderChoice(req, res, {
      notice: routed === 0
        ? t('discussion.routedNobodyNew')
        // Not "notified": the asker of a question anonymous to everyone is recorded but never told (commands/care/unanswered.ts).
        : t('discussion.routedCount', { count: routed }),
    });
  }));

  router.post('/c/:courseId/care/unanswered/:threadId/route', validate('body', RouteBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const threadId = String(req.params.threadId);
    await orReshow(req, res, async () => {
      const result = await routeQuestion(ctx, actor, { courseId: course.id, threadId, personIds: (req.body as { personIds: string[] }).personIds });
      respond(req, res, { redirect: `/c/${course.id}/care/unanswered/${threadId}?routed=${result.routed.length}`, data: result });
    }, (error) => renderChoice(req, res, { error }));
  }));

  return router;
}
