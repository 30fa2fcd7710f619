/**
 * The languages Agora speaks. A launch's `locale` claim ("es-MX", "en_GB", "fr") picks one by its
 * language part; anything else falls back to English, so an unknown locale never breaks a page.
 */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The supported language for a BCP 47 tag (or a POSIX-style one, as some LMSs send), else English. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : DEFAULT_LOCALE;
}

/** The best supported language in an Accept-Language header: for pages shown before any launch. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header.split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  const match = ranked.find((entry) => isLocale(entry.tag.toLowerCase().split(/[-_]/)[0]));
  return match ? resolveLocale(match.tag) : DEFAULT_LOCALE;
}
