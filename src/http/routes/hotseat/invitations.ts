import { Router, type Request, type Response } from 'express';
import type { SessionOptions } from '../../../auth/sessions';
import type { CommandContext } from '../../../commands/context';
import { acceptInvitation, previewInvitation } from '../../../commands/hotseat/invitations';
import { isAppError } from '../../../domain/errors';
import { presentTime } from '../../../presenters/time';
import { hotseatUrl } from '../../../presenters/hotseat';
import { translate } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { requestLocale } from '../../middleware/locale';
import { startSession } from '../../middleware/session';
import { validate } from '../../middleware/validate';
import { GuestBody, InvitationParams } from './schema';

/**
 * A guest host's way in, without any LMS: the invitation page (which does not use the link up,
 * so link previews in mail clients are harmless) and the form that accepts it and signs this
 * browser in as the guest.
 */
export function invitationRoutes(ctx: CommandContext, sessions: SessionOptions): Router {
  const router = Router();

  const render = async (req: Request, res: Response, token: string, form?: { error: string; name: string; bio: string }) => {
    const { hotseat, courseTitle } = await previewInvitation(ctx, token);
    res.render('pages/hotseat-invitation', {
      title: translate(requestLocale(req, res), 'hotseat.invitationPageTitle', { title: hotseat.title }), page: 'invitation', courseTitle,
      hotseat: { title: hotseat.title, descriptionHtml: hotseat.descriptionHtml, startsAt: presentTime(hotseat.startsAt), endsAt: presentTime(hotseat.endsAt) },
      action: `/hotseat-invitations/${encodeURIComponent(token)}`,
      values: { name: form?.name ?? '', bio: form?.bio ?? '' }, error: form?.error ?? null,
      hasSession: req.session !== undefined, csrfToken: req.session?.csrfToken ?? '',
    });
  };

  router.get('/hotseat-invitations/:token', validate('params', InvitationParams), handle(async (req, res) => {
    await render(req, res, String(req.params.token));
  }));

  router.post('/hotseat-invitations/:token', validate('params', InvitationParams), validate('body', GuestBody), handle(async (req, res) => {
    const token = String(req.params.token);
    const input = req.body as ReturnType<typeof GuestBody.parse>;
    try {
      const { personId, hotseat } = await acceptInvitation(ctx, token, { ...input, locale: requestLocale(req, res) });
      // A guest has no LMS to launch from again: their session lasts until the hotseat closes
      // (with a day to spare for extensions), where the policy ends their access anyway.
      const untilClosed = hotseat.endsAt.getTime() + 24 * 60 * 60_000 - sessions.now().getTime();
      await startSession({ ...sessions, ttlMs: Math.max(sessions.ttlMs, untilClosed) }, req, res, personId);
      res.redirect(303, hotseatUrl(hotseat.courseId, hotseat.id));
    } catch (error) {
      if (!isAppError(error) || error.status !== 400) throw error;
      res.status(400);
      await render(req, res, token, { error: error.messageIn(requestLocale(req, res)), name: input.name, bio: input.bio });
    }
  }));

  return router;
}
