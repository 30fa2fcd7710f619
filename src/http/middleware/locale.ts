import type { NextFunction, Request, Response } from 'express';
import { isLocale, localeFromAcceptLanguage, resolveLocale, type Locale } from '../../i18n/locales';

/**
 * The language of this request, in res.locals.locale, where every template finds it (`@root.locale`)
 * and the error handler too. Signed in: the language of the launch that started the session (the
 * session row carries it, see auth/sessions.ts, so this reads nothing more); a launch without a
 * locale, or with one Agora does not speak, gets English. Not signed in (the welcome page, a
 * link from an email): the browser's Accept-Language.
 */
export function chooseLocale(req: Request, res: Response, next: NextFunction): void {
  res.locals.locale = req.session ? resolveLocale(req.session.locale) : localeFromAcceptLanguage(req.get('accept-language'));
  next();
}

/**
 * The request's language wherever a response is built. Requests that fail before chooseLocale ran
 * (the LTI routes, an unreadable body) fall back to the browser's Accept-Language.
 */
export function requestLocale(req: Request, res: Response): Locale {
  const chosen: unknown = res.locals.locale;
  return isLocale(chosen) ? chosen : localeFromAcceptLanguage(req.get('accept-language'));
}
