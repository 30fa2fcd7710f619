import Handlebars from 'handlebars';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales';
import { formatDate, formatDateTime, formatNumber } from './format';
import { translate } from './translate';
import { clientMessagesJson } from './client-messages';

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

function paramsOf(options: HelperOptions | undefined): Record<string, string | number> {
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
    // Numbers stay numbers, so they are written the locale's way (and still choose the plural form).
    const escaped: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(paramsOf(options))) escaped[name] = typeof value === 'number' ? value : Handlebars.escapeExpression(value);
    return new Handlebars.SafeString(translate(localeOf(options), key, escaped));
  },
  // {{num points decimals=2}} for amounts kept in hundredths; one decimal otherwise.
  num: (value: unknown, options: HelperOptions) => {
    const decimals = options?.hash?.decimals;
    return typeof value === 'number' ? formatNumber(localeOf(options), value, typeof decimals === 'number' ? decimals : undefined) : '';
  },
  // {{tm message}}: a { key, params } a presenter gave (a name Agora words itself, say).
  tm: (message: unknown, options: HelperOptions) => {
    const m = message as { key?: unknown; params?: Record<string, string | number> } | null;
    return m && typeof m.key === 'string' ? translate(localeOf(options), m.key, m.params ?? {}) : '';
  },
  // {{nameOf author}}: a person's name, or the words Agora uses for it (presenters' `nameMessage`).
  nameOf: (view: unknown, options: HelperOptions) => {
    const v = view as { name?: unknown; nameMessage?: { key: string; params?: Record<string, string | number> } | null } | null;
    if (v?.nameMessage) return translate(localeOf(options), v.nameMessage.key, v.nameMessage.params ?? {});
    return typeof v?.name === 'string' ? v.name : '';
  },
  /** The page scripts' messages as JSON, for the layout's <script type="application/json"> block. */
  clientMessages: (options: HelperOptions) => new Handlebars.SafeString(clientMessagesJson(localeOf(options))),
  date: (value: unknown, options: HelperOptions) => { const d = asDate(value); return d ? formatDate(localeOf(options), d) : ''; },
  dateTime: (value: unknown, options: HelperOptions) => { const d = asDate(value); return d ? formatDateTime(localeOf(options), d) : ''; },
};
