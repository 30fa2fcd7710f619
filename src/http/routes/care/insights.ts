import { Router, type Request, type Response } from 'express';
import { loadCareSettings, updateCareSettings } from '../../../commands/care/care-settings';
import { loadCourseInsights } from '../../../commands/care/insights';
import type { CommandContext } from '../../../commands/context';
import { presentCareSettings } from '../../../presenters/care';
import { presentInsights } from '../../../presenters/insights';
import { translator } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { requestLocale } from '../../middleware/locale';
import { member } from '../../middleware/course-member';
import { wantsJson } from '../../middleware/errors';
import { validate } from '../../middleware/validate';
import { respond } from '../discussion/respond';
import { orReshow, pageBase } from './page';
import { CareSettingsBody } from './schema';

/** Staff's insights page, and the care settings behind it (answer target, quiet warning, retention). */
export function insightRoutes(ctx: CommandContext): Router {
  const router = Router();

  router.get('/c/:courseId/care/insights', handle(async (req, res) => {
    const { actor, course } = member(res);
    const loaded = await loadCourseInsights(ctx, actor, course);
    const locale = requestLocale(req, res);
    const insights = presentInsights(loaded, locale);
    if (wantsJson(req)) {
      // The figures without the drawings.
      const { charts: _charts, ...figures } = insights;
      res.json({ ok: true, data: figures });
      return;
    }
    res.render('pages/insights', { ...pageBase(req, res, translator(locale)('care.insightsHeading')), insights, cohortsUrl: loaded.inCommunity ? `/c/${course.id}/care/cohorts` : null });
  }));

  const renderSettings = async (req: Request, res: Response, form: { error?: string; values?: Record<string, unknown> } = {}) => {
    const { actor, course } = member(res);
    const { settings, lastPurge } = await loadCareSettings(ctx, actor, course);
    res.render('pages/care-settings', { ...pageBase(req, res, translator(requestLocale(req, res))('care.settingsHeading')), settings: { ...presentCareSettings(settings, lastPurge), ...form.values }, error: form.error ?? null });
  };

  router.get('/c/:courseId/care/settings', handle((req, res) => renderSettings(req, res)));

  router.post('/c/:courseId/care/settings', validate('body', CareSettingsBody), handle(async (req, res) => {
    const { actor, course } = member(res);
    const input = req.body as ReturnType<typeof CareSettingsBody.parse>;
    await orReshow(req, res, async () => {
      const settings = await updateCareSettings(ctx, actor, { courseId: course.id, answerTargetHours: input.answerTargetHours, quietDays: input.quietDays, retentionDays: input.retentionDays });
      respond(req, res, { redirect: `/c/${course.id}/care/settings`, data: { settings } });
    }, (error) => renderSettings(req, res, { error, values: { answerTargetHours: input.answerTargetHours, quietDays: input.quietDays, retentionDays: input.retentionDays } }));
  }));

  return router;
}
