import Handlebars from 'handlebars';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales';
import { formatDate, formatDateTime, formatNumber } from './format';
import { translate, type MessageParams } from './translate';

/**
 * Template helpers. The language comes from the render's root context (`locale`, set per request by
 * the locale middleware and passed to every live fragment), so partials need no extra arguments:
 *   {{t "discussion.reply"}}  {{t "discussion.replies" count=replyCount}}
 *   {{{tHtml "care.exportHint" link=(concat "<a href=…>")}}}   (catalog text trusted, parameters escaped)
 *   {{num total}}  {{date createdAt}}  {{dateTime createdAt}}
 */
interface HelperOptions {
  hash?: Record<string, unknown>;
  data?: { root?: { locale?: unknown } };
}

function localeOf(options: HelperOptions | undefined): Locale {
  const locale = options?.data?.root?.locale;
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

function paramsOf(options: HelperOptions | undefined): MessageParams {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(options?.hash ?? {})) {
    if (typeof value === 'number' || typeof value === 'string') params[name] = value;
    else if (value !== undefined && value !== null) params[name] = String(value);
  }
  return params;
}

const asDate = (value: unknown): Date | null => {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
};

export const i18nHelpers = {
  t: (key: string, options: HelperOptions) => translate(localeOf(options), key, paramsOf(options)),
  tHtml: (key: string, options: HelperOptions) => {
    const escaped: Record<string, string> = {};
    for (const [name, value] of Object.entries(paramsOf(options))) escaped[name] = Handlebars.escapeExpression(String(value));
    return new Handlebars.SafeString(translate(localeOf(options), key, escaped));
  },
  num: (value: unknown, options: HelperOptions) => (typeof value === 'number' ? formatNumber(localeOf(options), value) : ''),
  date: (value: unknown, options: HelperOptions) => { const d = asDate(value); return d ? formatDate(localeOf(options), d) : ''; },
  dateTime: (value: unknown, options: HelperOptions) => { const d = asDate(value); return d ? formatDateTime(localeOf(options), d) : ''; },
};
