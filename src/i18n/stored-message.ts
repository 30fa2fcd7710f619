import { DEFAULT_LOCALE, type Locale } from './locales';
import { hasMessage, translate, type MessageParams, type NestedMessage } from './translate';

/**
 * A sentence stored now and said later in its reader's language: an LMS failure kept on the course
 * (the grade push's and the roster sync's `lastError`) and shown to staff who may read Spanish.
 *
 * It fits the existing text columns as `agora-message:` + JSON { key, params, en }:
 * - text without the prefix (rows written before, or anything else) is shown as it is;
 * - `en` is the English sentence at the time of storing, said when a key is no longer in the
 *   catalogs (renamed or removed since), so an old row never shows a bare key. It also keeps the
 *   row readable to whoever looks at the database.
 */
const PREFIX = 'agora-message:';

interface StoredForm { key: string; params: MessageParams; en: string }

export function storeMessage(message: NestedMessage): string {
  const params = message.params ?? {};
  const form: StoredForm = { key: message.key, params, en: translate(DEFAULT_LOCALE, message.key, params) };
  return PREFIX + JSON.stringify(form);
}

/** The stored sentence in `locale`. */
export function sayStoredMessage(stored: string, locale: Locale): string {
  const form = readStoredForm(stored);
  if (!form) return stored;
  return allKeysKnown(form) ? translate(locale, form.key, form.params) : form.en;
}

function readStoredForm(stored: string): StoredForm | null {
  if (!stored.startsWith(PREFIX)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored.slice(PREFIX.length));
  } catch {
    return null;
  }
  if (!isRecord(parsed) || typeof parsed.en !== 'string' || !isMessage(parsed)) return null;
  return { key: parsed.key, params: parsed.params ?? {}, en: parsed.en };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isMessage(value: unknown): value is NestedMessage {
  if (!isRecord(value) || typeof value.key !== 'string') return false;
  if (value.params === undefined) return true;
  if (!isRecord(value.params)) return false;
  return Object.values(value.params).every((param) => param === null || typeof param === 'string' || typeof param === 'number' || isMessage(param));
}

function allKeysKnown(message: NestedMessage): boolean {
  if (!hasMessage(message.key)) return false;
  return Object.values(message.params ?? {}).every((param) => typeof param !== 'object' || param === null || allKeysKnown(param));
}
