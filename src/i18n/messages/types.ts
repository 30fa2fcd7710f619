/**
 * A message is a sentence with `{name}` placeholders, or plural forms chosen by `count` through
 * Intl.PluralRules (`other` is always required; `one`, `zero`... as the language needs).
 */
export type PluralMessage = { other: string } & Partial<Record<Exclude<Intl.LDMLPluralRule, 'other'>, string>>;
export type Message = string | PluralMessage;
export type Catalog = Readonly<Record<string, Message>>;

/** The Spanish (or any other) catalog of an area must give every key of the English one, and no others. */
export type TranslationOf<T extends Catalog> = { readonly [K in keyof T]: Message };
