import type { Request } from 'express';
import { localeFromAcceptLanguage, type Locale } from '../i18n/locales';
import { translator, type Translate } from '../i18n/translate';

/**
 * The language of a page Agora shows during a launch or a registration (before any session, so
 * before the locale middleware): the browser's. `locale` goes into the render context, where the
 * templates' {{t}} finds it; `t` says the title and other words the handler passes.
 */
export function pageLanguage(req: Request): { locale: Locale; t: Translate } {
  const locale = localeFromAcceptLanguage(req.get('accept-language'));
  return { locale, t: translator(locale) };
}
