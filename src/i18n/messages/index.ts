import type { Locale } from '../locales';
import type { Catalog } from './types';
import { common as commonEn } from './en/common';
import { common as commonEs } from './es/common';

/**
 * Every area keeps its own catalog file per language (messages/en/<area>.ts, messages/es/<area>.ts),
 * so people working on different areas never edit the same file. Keys are "<area>.<name>".
 * Add an area here in both languages; the types make a missing Spanish key a compile error.
 */
export const catalogs: Record<Locale, Catalog> = {
  en: { ...commonEn },
  es: { ...commonEs },
};
