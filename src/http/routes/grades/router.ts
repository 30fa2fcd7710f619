import { Router, type Request, type Response } from 'express';
import { authorize } from '../../../commands/authorize';
import type { CommandContext } from '../../../commands/context';
import { loadGradebook, loadMyParticipation } from '../../../commands/grades/gradebook';
import { pushGradesNow } from '../../../commands/grades/push';
import { saveGradeSettings } from '../../../commands/grades/settings';
import { badRequest } from '../../../domain/errors';
import { issueMessage } from '../../../i18n/zod-issues';
import { translate } from '../../../i18n/translate';
import { requestLocale } from '../../middleware/locale';
import type { Lti } from '../../../lti';
import { GRADE_SERVICE_PROBLEMS, planGradeService } from '../../../lti/services/grade-plan';
import { presentGradebook, presentMyParticipation } from '../../../presenters/grades';
import { handle } from '../../async-handler';
import { member, requireCourseMember } from '../../middleware/course-member';
import { wantsJson } from '../../middleware/errors';
import { respond } from '../discussion/respond';
import { GradeSettingsBody, NoticeQuery, NOTICES } from './schema';

/**
 * Participation grades: each learner's "How my participation grade is computed" page, and the
 * staff page (rubric, sending status, every learner's score, "Push now"), with JSON twins.
 */
export function gradesRouter(ctx: CommandContext, lti: Pick<Lti, 'grades'>): Router {
  const router = Router();
  router.use(['/c/:courseId/participation', '/api/courses/:courseId/participation'], requireCourseMember(ctx));
  const staffPage = (courseId: string) => `/c/${courseId}/participation/staff`;

  router.get('/c/:courseId/participation', handle(async (req, res) => {
    const { actor, course } = member(res);
    const view = presentMyParticipation(await loadMyParticipation(ctx, actor, course), actor.membership.role === 'staff', ctx.now());
    res.render('pages/grades-mine', {
      title: `${translate(requestLocale(req, res), 'grades.mineTitle')} · ${course.title}`, page: 'participation',
      course: { id: course.id, title: course.title, label: course.label }, view, csrfToken: req.session!.csrfToken,
    });
  }));

  router.get('/api/courses/:courseId/participation/me', handle(async (_req, res) => {
    const { actor, course } = member(res);
    res.json({ ok: true, data: presentMyParticipation(await loadMyParticipation(ctx, actor, course), actor.membership.role === 'staff', ctx.now()) });
  }));

  router.get('/c/:courseId/participation/staff', handle((req, res) => renderStaffPage(req, res)));

  router.get('/api/courses/:courseId/participation', handle(async (req, res) => {
    res.json({ ok: true, data: await gradebookView(req, res) });
  }));

  router.post('/c/:courseId/participation/settings', handle(async (req, res) => {
    const { actor, course } = member(res);
    // Refused before the values are looked at: a learner learns they may not, not what was wrong.
    authorize(actor, 'grades.manage', { courseId: course.id });
    const parsed = GradeSettingsBody.safeParse(req.body);
    if (!parsed.success) {
      const locale = requestLocale(req, res);
      const problems = parsed.error.issues.map((issue) => translate(locale, ...issueMessage(issue)));
      if (wantsJson(req)) throw badRequest('INVALID_RUBRIC', 'errors.rubric.problems', { problems: problems.join(' ') });
      res.status(400);
      await renderStaffPage(req, res, { problems, values: req.body as Record<string, unknown> });
      return;
    }
    const { _csrf, ...rubric } = parsed.data;
    const settings = await saveGradeSettings(ctx, actor, { ...rubric, courseId: course.id });
    respond(req, res, { redirect: `${staffPage(course.id)}?notice=saved`, data: { settings } });
  }));

  router.post('/c/:courseId/participation/push', handle(async (req, res) => {
    const { actor, course } = member(res);
    const outcome = await pushGradesNow(ctx, actor, course, lti.grades);
    const notice = outcome.status === 'skipped' && outcome.reason === 'already-running' ? 'running' : 'pushed';
    // API clients get the failure as a sentence in the request's language, like the page.
    const said = outcome.status === 'failed' ? { ...outcome, error: translate(requestLocale(req, res), outcome.error.key, outcome.error.params) } : outcome;
    respond(req, res, { redirect: `${staffPage(course.id)}?notice=${notice}`, data: { outcome: said } });
  }));

  async function gradebookView(req: Request, res: Response) {
    const { actor, course } = member(res);
    const book = await loadGradebook(ctx, actor, course);
    const plan = planGradeService(book.services, book.grading.push);
    const locale = requestLocale(req, res);
    return presentGradebook(book, plan.ok ? null : translate(locale, GRADE_SERVICE_PROBLEMS[plan.reason]), locale);
  }

  async function renderStaffPage(req: Request, res: Response, form?: { problems: string[]; values: Record<string, unknown> }): Promise<void> {
    const { course } = member(res);
    const view = await gradebookView(req, res);
    // A rejected form comes back as it was typed, with every problem named.
    const values = form
      ? { ...form.values, enabled: ['on', 'true', '1', true].includes(form.values.enabled as string | boolean) }
      : view.settings;
    const { notice } = NoticeQuery.parse(req.query);
    const locale = requestLocale(req, res);
    res.render('pages/grades-staff', {
      title: `${translate(locale, 'grades.staffHeading')} · ${course.title}`, page: 'participation',
      course: { id: course.id, title: course.title, label: course.label },
      view, values,
      problems: form?.problems ?? [], notice: notice ? translate(locale, NOTICES[notice]) : null,
      csrfToken: req.session!.csrfToken,
    });
  }

  return router;
}
