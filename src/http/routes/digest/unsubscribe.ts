import { Router, type Request, type Response } from 'express';
import { verifyUnsubscribeToken } from '../../../auth/unsubscribe-links';
import type { CommandContext } from '../../../commands/context';
import { unsubscribeFromDigests } from '../../../commands/digest/preferences';
import { isErased } from '../../../domain/care';
import { resolveLocale, type Locale } from '../../../i18n/locales';
import { translate } from '../../../i18n/translate';
import { handle } from '../../async-handler';
import { wantsJson } from '../../middleware/errors';
import { requestLocale } from '../../middleware/locale';
import { UnsubscribeParams } from './schema';

/**
 * The signed unsubscribe link of every digest, usable without signing in. GET only shows a page with
 * one button: mail scanners and link previews fetch links, and must not unsubscribe anyone. POST
 * unsubscribes: from that button, or straight from a mail client's one-click unsubscribe (RFC 8058
 * sends "List-Unsubscribe=One-Click" to the List-Unsubscribe URL, with no cookie and no CSRF token;
 * the signature is what proves the link came from Agora).
 */
type State = 'confirm' | 'done' | 'gone' | 'invalid' | 'expired';

const PAGE: Record<State, { status: number; titleKey: string; messageKey: string }> = {
  confirm: { status: 200, titleKey: 'digest.unsubscribe.title', messageKey: 'digest.unsubscribe.confirm' },
  done: { status: 200, titleKey: 'digest.unsubscribe.doneTitle', messageKey: 'digest.unsubscribe.done' },
  gone: { status: 200, titleKey: 'digest.unsubscribe.goneTitle', messageKey: 'digest.unsubscribe.gone' },
  invalid: { status: 400, titleKey: 'digest.unsubscribe.invalidTitle', messageKey: 'digest.unsubscribe.invalid' },
  expired: { status: 410, titleKey: 'digest.unsubscribe.expiredTitle', messageKey: 'digest.unsubscribe.expired' },
};

export function unsubscribeRoutes(ctx: CommandContext, secret: string): Router {
  const router = Router();

  const show = (req: Request, res: Response, state: State, locale: Locale) => {
    const page = PAGE[state];
    res.status(page.status);
    if (wantsJson(req)) {
      const code = state === 'invalid' ? 'UNSUBSCRIBE_LINK_INVALID' : state === 'expired' ? 'UNSUBSCRIBE_LINK_EXPIRED' : null;
      res.json(code ? { ok: false, error: { code, message: translate(locale, page.messageKey) } } : { ok: true, data: { state } });
      return;
    }
    res.render('pages/digest-unsubscribe', {
      title: translate(locale, page.titleKey), page: 'unsubscribe', locale, state, titleKey: page.titleKey, messageKey: page.messageKey,
      action: req.originalUrl.split('?')[0], confirm: state === 'confirm', csrfToken: req.session?.csrfToken ?? '',
    });
  };

  /** Who the link is for, in their language; or the refusal, in the browser's. */
  const check = async (req: Request, res: Response) => {
    const params = UnsubscribeParams.safeParse(req.params);
    const verdict = params.success ? verifyUnsubscribeToken(secret, params.data.token, ctx.now()) : { ok: false as const, reason: 'invalid' as const };
    if (!verdict.ok) return { state: verdict.reason, locale: requestLocale(req, res), personId: null };
    const person = await ctx.storage.people.findById(verdict.personId);
    // Erased since the email was sent: there is no one to unsubscribe, and nothing to store.
    if (!person || isErased(person)) return { state: 'gone' as const, locale: requestLocale(req, res), personId: null };
    return { state: null, locale: resolveLocale(person.locale), personId: verdict.personId };
  };

  router.get('/email/unsubscribe/:token', handle(async (req, res) => {
    const checked = await check(req, res);
    show(req, res, checked.state ?? 'confirm', checked.locale);
  }));

  router.post('/email/unsubscribe/:token', handle(async (req, res) => {
    const checked = await check(req, res);
    if (checked.state || !checked.personId) {
      show(req, res, checked.state ?? 'invalid', checked.locale);
      return;
    }
    show(req, res, (await unsubscribeFromDigests(ctx, checked.personId)) ? 'done' : 'gone', checked.locale);
  }));

  return router;
}
