import type { z } from 'zod';
import { badRequest, isAppError } from '../domain/errors';
import { isStorageUnavailableError, storageUnavailable } from '../domain/storage-unavailable';
import type { Locale } from '../i18n/locales';
import { translate } from '../i18n/translate';
import { issueMessage } from '../i18n/zod-issues';

/** A refused socket request's ack: the stable code, and the sentence in the socket's language. */
export interface AckFailure {
  ok: false;
  error: { code: string; message: string };
}

export function ackFailure(caught: unknown, locale: Locale): AckFailure {
  const error = isStorageUnavailableError(caught) ? storageUnavailable() : caught;
  if (isAppError(error)) return { ok: false, error: { code: error.code, message: error.messageIn(locale) } };
  return { ok: false, error: { code: 'INTERNAL', message: translate(locale, 'errors.socketInternal') } };
}

/** A payload that did not pass its schema. */
export function invalidInput(issue: z.core.$ZodIssue, locale: Locale): AckFailure {
  return ackFailure(badRequest('INVALID_INPUT', ...issueMessage(issue)), locale);
}
