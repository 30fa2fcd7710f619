import { catalogs } from './messages';
import type { Catalog } from './messages/types';
import type { Locale } from './locales';

/** Other areas' words a script shows too: a hotseat's phase and some names, which live events carry for every language at once. */
const ALSO = new Set([
  'hotseat.phaseDraft', 'hotseat.phaseScheduled', 'hotseat.phaseCollecting', 'hotseat.phaseLive', 'hotseat.phaseClosed',
  // Names in the presence list that Agora words itself (see presenters/person.ts).
  'people.member', 'people.formerMember',
]);

/**
 * The messages the page scripts need (`client.*`, and ALSO), as the JSON the layout puts in a
 * <script type="application/json" id="agora-messages"> block: data, not code, so the CSP (no inline
 * scripts) allows it. Built once per language; `<` is escaped so no text can close the block.
 */
const built = new Map<Locale, string>();

export function clientMessagesJson(locale: Locale): string {
  let json = built.get(locale);
  if (json === undefined) {
    const subset: Record<string, Catalog[string]> = {};
    for (const [key, message] of Object.entries(catalogs[locale])) if (key.startsWith('client.') || ALSO.has(key)) subset[key] = message;
    json = JSON.stringify(subset).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    built.set(locale, json);
  }
  return json;
}
