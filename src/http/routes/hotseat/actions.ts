import { Router, type Request, type Response } from 'express';
import type { CommandContext } from '../../../commands/context';
import { convertUnansweredByStaff } from '../../../commands/hotseat/convert';
import { createInvitation, removeGuestHost } from '../../../commands/hotseat/invitations';
import { mergeQuestions, moderateQuestion, setAnsweringNow } from '../../../commands/hotseat/moderate';
import { addFollowUp, askQuestion, editQuestion, withdrawQuestion } from '../../../commands/hotseat/questions';
import { changeSchedule, createHotseat, updateHotseat } from '../../../commands/hotseat/schedule';
import { toggleQuestionVote } from '../../../commands/hotseat/votes';
import { hotseatUrl } from '../../../presenters/hotseat';
import { translate } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { requestLocale } from '../../middleware/locale';
import { orReshow } from '../../form-reshow';
import { member } from '../../middleware/course-member';
import { wantsJson } from '../../middleware/errors';
import { validate } from '../../middleware/validate';
import { respond } from '../discussion/respond';
import { renderHotseat, renderHotseatForm } from './pages';
import {
  AnsweringBody, AskBody, EditQuestionBody, FollowUpBody, HotseatBody, MergeBody, ModerateBody, QuestionParams, ScheduleBody,
} from './schema';
import { hotseatScope } from './scope';

/**
 * Every change to a hotseat, as a form post (answered with a redirect) or JSON. Each validates
 * its input, calls one command and says where to go next; a refused form comes back with its
 * sentence and the person's text.
 */
export function hotseatActions(ctx: CommandContext, publicUrl: string): Router {
  const router = Router();
  const base = '/c/:courseId/hotseats/:hotseatId';
  const questionId = (req: Request) => QuestionParams.parse(req.params).questionId;
  const here = (res: Response, anchor = '') => `${hotseatUrl(hotseatScope(res).course.id, hotseatScope(res).hotseat.id)}${anchor}`;


  router.post('/c/:courseId/hotseats', validate('body', HotseatBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as HotseatBody;
    await orReshow(req, res, async () => {
      const hotseat = await createHotseat(ctx, actor, course, input);
      respond(req, res, { redirect: hotseatUrl(course.id, hotseat.id), status: 201, data: { id: hotseat.id, url: hotseatUrl(course.id, hotseat.id) } });
    }, (form) => renderHotseatForm(ctx, req, res, form), input);
  }));

  router.post(`${base}/edit`, validate('body', HotseatBody), handle(async (req, res) => {
    const input = req.body as HotseatBody;
    await orReshow(req, res, async () => {
      await updateHotseat(ctx, hotseatScope(res), input);
      respond(req, res, { redirect: here(res) });
    }, (form) => renderHotseatForm(ctx, req, res, form), input);
  }));

  router.post(`${base}/schedule`, validate('body', ScheduleBody), handle(async (req, res) => {
    const { action, minutes } = req.body as ReturnType<typeof ScheduleBody.parse>;
    const hotseat = await changeSchedule(ctx, hotseatScope(res), action, minutes);
    respond(req, res, { redirect: here(res), data: { phase: hotseat.phase, endsAt: hotseat.endsAt.toISOString() } });
  }));

  router.post(`${base}/invitations`, handle(async (req, res) => {
    const scope = hotseatScope(res);
    const { token, expiresAt } = await createInvitation(ctx, scope);
    // From the configured address, never the request's Host header (a proxy or a forged header would mislead the guest).
    const url = new URL(`/hotseat-invitations/${token}`, publicUrl).toString();
    if (wantsJson(req)) {
      res.status(201).json({ ok: true, data: { url, expiresAt: expiresAt.toISOString() } });
      return;
    }
    // The link is shown once, here; Agora keeps only its hash.
    res.status(201).render('pages/hotseat-invitation-created', {
      title: translate(requestLocale(req, res), 'hotseat.invitationCreatedPageTitle', { title: scope.hotseat.title }), page: 'hotseat', course: { id: scope.course.id, title: scope.course.title, label: scope.course.label },
      hotseat: { title: scope.hotseat.title, url: here(res) }, invitationUrl: url, expiresAt: expiresAt.toISOString(), csrfToken: req.session!.csrfToken,
    });
  }));

  router.post(`${base}/guests/:personId/remove`, handle(async (req, res) => {
    await removeGuestHost(ctx, hotseatScope(res), String(req.params.personId));
    respond(req, res, { redirect: here(res) });
  }));

  router.post(`${base}/questions`, validate('body', AskBody), handle(async (req, res) => {
    const input = req.body as ReturnType<typeof AskBody.parse>;
    await orReshow(req, res, async () => {
      const question = await askQuestion(ctx, hotseatScope(res), input);
      respond(req, res, { redirect: here(res, `#question-${question.id}`), status: 201, data: { id: question.id, status: question.status } });
    }, (form) => renderHotseat(ctx, req, res, form), input, 'ask');
  }));

  router.post(`${base}/questions/:questionId/edit`, validate('body', EditQuestionBody), handle(async (req, res) => {
    const input = req.body as ReturnType<typeof EditQuestionBody.parse>;
    const id = questionId(req);
    await orReshow(req, res, async () => {
      await editQuestion(ctx, hotseatScope(res), id, input.body);
      respond(req, res, { redirect: here(res, `#question-${id}`) });
    }, (form) => renderHotseat(ctx, req, res, form), input, id);
  }));

  router.post(`${base}/questions/:questionId/withdraw`, handle(async (req, res) => {
    await withdrawQuestion(ctx, hotseatScope(res), questionId(req));
    respond(req, res, { redirect: here(res) });
  }));

  router.post(`${base}/questions/:questionId/vote`, handle(async (req, res) => {
    const id = questionId(req);
    const result = await toggleQuestionVote(ctx, hotseatScope(res), id);
    respond(req, res, { redirect: here(res, `#question-${id}`), data: result });
  }));

  router.post(`${base}/questions/:questionId/follow-ups`, validate('body', FollowUpBody), handle(async (req, res) => {
    const input = req.body as ReturnType<typeof FollowUpBody.parse>;
    const id = questionId(req);
    await orReshow(req, res, async () => {
      const followUp = await addFollowUp(ctx, hotseatScope(res), id, input);
      respond(req, res, { redirect: here(res, `#question-${id}`), status: 201, data: { id: followUp.id } });
    }, (form) => renderHotseat(ctx, req, res, form), input, id);
  }));

  router.post(`${base}/questions/:questionId/moderate`, validate('body', ModerateBody), handle(async (req, res) => {
    const input = req.body as ReturnType<typeof ModerateBody.parse>;
    const id = questionId(req);
    await orReshow(req, res, async () => {
      const question = await moderateQuestion(ctx, hotseatScope(res), id, input);
      respond(req, res, { redirect: here(res, `#question-${id}`), data: { id, status: question.status, hidden: question.hidden } });
    }, (form) => renderHotseat(ctx, req, res, form), input, id);
  }));

  router.post(`${base}/questions/:questionId/merge`, validate('body', MergeBody), handle(async (req, res) => {
    const { intoId } = req.body as ReturnType<typeof MergeBody.parse>;
    const into = await mergeQuestions(ctx, hotseatScope(res), questionId(req), intoId);
    respond(req, res, { redirect: here(res, `#question-${into.id}`), data: { id: into.id, voteCount: into.voteCount } });
  }));

  router.post(`${base}/answering`, validate('body', AnsweringBody), handle(async (req, res) => {
    const { questionId: id } = req.body as ReturnType<typeof AnsweringBody.parse>;
    await setAnsweringNow(ctx, hotseatScope(res), id);
    respond(req, res, { redirect: here(res, id ? `#question-${id}` : '') });
  }));

  router.post(`${base}/convert`, handle(async (req, res) => {
    const converted = await convertUnansweredByStaff(ctx, hotseatScope(res));
    respond(req, res, { redirect: here(res), data: { converted } });
  }));

  return router;
}
