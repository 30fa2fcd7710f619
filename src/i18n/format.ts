import type { Locale } from './locales';

/**
 * Numbers and dates written the locale's way. Dates are shown in UTC on the server (it cannot know
 * the viewer's time zone); the page's script rewrites each <time> in the viewer's own zone.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();

function cached<K, F>(cache: Map<K, F>, key: K, make: () => F): F {
  let format = cache.get(key);
  if (!format) cache.set(key, (format = make()));
  return format;
}

/** One decimal by default; amounts kept in hundredths (grade points: 0.25) ask for two. */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 1): string {
  return cached(numberFormats, `${locale}:${maximumFractionDigits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits })).format(value);
}

/** "22 Nov 2026, 14:30 UTC" / "22 nov 2026, 14:30 UTC". */
export function formatDateTime(locale: Locale, date: Date): string {
  const format = cached(dateTimeFormats, locale, () => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }));
  return `${format.format(date)} UTC`;
}

/** "22 Nov 2026" / "22 nov 2026": for days, where the hour would be noise. */
export function formatDate(locale: Locale, date: Date): string {
  return cached(dateFormats, locale, () => new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'medium', timeZone: 'UTC' })).format(date);
}
