import { DEFAULT_LOCALE, type Locale } from './locales';
import { catalogs } from './messages';
import type { Message } from './messages/types';
import { formatNumber } from './format';

/** A parameter that is itself a message (a word or phrase from a catalog), said in the same language. */
export interface NestedMessage { key: string; params?: MessageParams }
export type MessageParams = Readonly<Record<string, string | number | NestedMessage | null | undefined>>;
export type Translate = (key: string, params?: MessageParams) => string;

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count);
}

function chooseForm(locale: Locale, message: Message, params: MessageParams): string {
  if (typeof message === 'string') return message;
  const count = Number(params.count ?? 0);
  // An exact zero form ("No replies yet") wins where a catalog gives one, in any language.
  if (count === 0 && message.zero !== undefined) return message.zero;
  return message[pluralCategory(locale, count)] ?? message.other;
}

/** `{name}` → the parameter; numbers are written the locale's way (1,234 / 1.234), nested messages in the same language. */
function interpolate(locale: Locale, text: string, params: MessageParams): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    if (typeof value === 'object') return translate(locale, value.key, value.params);
    return typeof value === 'number' ? formatNumber(locale, value) : value;
  });
}

/**
 * The sentence for `key` in `locale`, falling back to English for a key a language lacks (the types
 * make that a compile error for shipped catalogs). A key no catalog knows is a bug: tests fail on it,
 * production shows the key rather than a broken page.
 */
export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  const message = catalogs[locale][key] ?? catalogs[DEFAULT_LOCALE][key];
  if (message === undefined) {
    if (process.env.NODE_ENV === 'test') throw new Error(`No message "${key}" in any catalog`);
    return key;
  }
  return interpolate(locale, chooseForm(locale, message, params), params);
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Whether a key exists in English (the reference catalog): for validating keys computed at runtime. */
export function hasMessage(key: string): boolean {
  return catalogs[DEFAULT_LOCALE][key] !== undefined;
}
