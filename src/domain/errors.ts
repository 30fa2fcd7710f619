import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import type { ErrorKey } from '../i18n/messages/en/errors';
import type { MessageKey } from '../i18n/messages';
import { translate, type MessageParams } from '../i18n/translate';

/**
 * A parameter of an error sentence: a value, or a word from the catalog said in the reader's
 * language ({ key: 'errors.questionStatus.open' }), from any area's catalog.
 */
export type ErrorParam = string | number | { key: MessageKey; params?: MessageParams };
export type ErrorParams = Readonly<Record<string, ErrorParam>>;

/**
 * The one error type that crosses layers. `code` is stable (clients and tests match on it); the
 * sentence the person in front of the screen can act on is a catalog key with parameters, said in
 * each reader's language by `messageIn` (the error handler, form pages and socket acks use it).
 * `message` is the English sentence, for logs and the command line.
 *
 * The domain imports i18n here, and only here: the catalogs are plain data and the translator is
 * pure, so the domain stays free of I/O and frameworks.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messageKey: ErrorKey,
    readonly params: ErrorParams = {},
  ) {
    super(translate(DEFAULT_LOCALE, messageKey, params));
    this.name = 'AppError';
  }

  /** The sentence in `locale`. */
  messageIn(locale: Locale): string {
    return translate(locale, this.messageKey, this.params);
  }
}

export const badRequest = (code: string, key: ErrorKey, params?: ErrorParams) => new AppError(code, 400, key, params);
export const unauthorized = (code: string, key: ErrorKey, params?: ErrorParams) => new AppError(code, 401, key, params);
export const forbidden = (code: string, key: ErrorKey, params?: ErrorParams) => new AppError(code, 403, key, params);
export const notFound = (code: string, key: ErrorKey, params?: ErrorParams) => new AppError(code, 404, key, params);
export const unavailable = (code: string, key: ErrorKey, params?: ErrorParams) => new AppError(code, 503, key, params);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
