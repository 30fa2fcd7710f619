import { Router, type Request, type Response } from 'express';
import type { CommandContext } from '../../../commands/context';
import { chooseDigestFrequency, readDigestSettings, type DigestSettings } from '../../../commands/digest/preferences';
import { DIGEST_FREQUENCIES, type DigestFrequency } from '../../../domain/digest';
import { badRequest } from '../../../domain/errors';
import { translate } from '../../../i18n/translate';
import { issueMessage } from '../../../i18n/zod-issues';
import { handle } from '../../async-handler';
import { member } from '../../middleware/course-member';
import { wantsJson } from '../../middleware/errors';
import { requestLocale } from '../../middleware/locale';
import { respond } from '../discussion/respond';
import { FrequencyBody, SavedQuery } from './schema';

/**
 * The person's email-digest choice, reached from the notifications page of any of their courses:
 * a radio group (instant, daily, weekly, none) that works without JavaScript.
 */
export const preferencesPath = (courseId: string) => `/c/${courseId}/notifications/email`;

export function preferenceRoutes(ctx: CommandContext): Router {
  const router = Router();

  const render = (req: Request, res: Response, settings: DigestSettings, form: { error?: string; saved?: DigestFrequency } = {}) => {
    const { course } = member(res);
    const locale = requestLocale(req, res);
    res.render('pages/digest-preferences', {
      title: `${translate(locale, 'digest.prefs.title')} · ${course.title}`,
      page: 'notifications',
      course: { id: course.id, title: course.title, label: course.label },
      action: preferencesPath(course.id),
      email: settings.email,
      notChosen: !settings.chosen && !form.saved,
      options: DIGEST_FREQUENCIES.map((value) => ({ value, checked: value === settings.frequency, labelKey: `digest.prefs.${value}`, hintKey: `digest.prefs.${value}Hint` })),
      error: form.error ?? null,
      savedKey: form.saved ? `digest.prefs.saved.${form.saved}` : null,
      csrfToken: req.session!.csrfToken,
    });
  };

  router.get('/c/:courseId/notifications/email', handle(async (req, res) => {
    const { actor, course } = member(res);
    const settings = await readDigestSettings(ctx, actor, course);
    const { saved } = SavedQuery.parse(req.query);
    // The saved notice only confirms what is stored now (a stale ?saved= in the address says nothing).
    render(req, res, settings, { saved: saved === settings.frequency && settings.chosen ? saved : undefined });
  }));

  router.post('/c/:courseId/notifications/email', handle(async (req, res) => {
    const { actor, course } = member(res);
    const parsed = FrequencyBody.safeParse(req.body);
    if (!parsed.success) {
      const refusal = badRequest('INVALID_FREQUENCY', ...issueMessage(parsed.error.issues[0]!));
      if (wantsJson(req)) throw refusal;
      // The form comes back with its sentence (and the stored choice still checked), not an error page.
      res.status(400);
      render(req, res, await readDigestSettings(ctx, actor, course), { error: refusal.messageIn(requestLocale(req, res)) });
      return;
    }
    const settings = await chooseDigestFrequency(ctx, actor, course, parsed.data.frequency);
    respond(req, res, { redirect: `${preferencesPath(course.id)}?saved=${settings.frequency}`, data: { frequency: settings.frequency } });
  }));

  return router;
}
