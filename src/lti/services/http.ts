import { DEFAULT_LOCALE, type Locale } from '../../i18n/locales';
import type { MessageKey } from '../../i18n/messages';
import { translate, type MessageParams, type NestedMessage } from '../../i18n/translate';

/**
 * Calls to an LMS's LTI services: a timeout on every request, a size limit on every answer, and
 * failures turned into one sentence staff can act on (shown on the roster and participation
 * pages), never a stack. The sentence is a catalog key with parameters, so it can be stored and
 * said later in the reader's language (i18n/stored-message.ts); `message` is the English, for logs.
 */
export class ServiceError extends Error {
  constructor(
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
    readonly status: number | null = null,
  ) {
    super(translate(DEFAULT_LOCALE, messageKey, params));
    this.name = 'ServiceError';
  }

  /** The sentence as a message: to store, or to say inside another sentence. */
  toMessage(): { key: MessageKey; params: MessageParams } {
    return { key: this.messageKey, params: this.params };
  }

  messageIn(locale: Locale): string {
    return translate(locale, this.messageKey, this.params);
  }
}

/** The LMS services Agora calls, named in failures ("the LMS grade service at https://..."). */
export type LmsService = 'tokenEndpoint' | 'gradeService' | 'gradeColumn' | 'rosterService' | 'registrationEndpoint' | 'openidConfiguration';

/** The service's name inside a sentence ({service}) and starting one ({Service}): each language's sentence uses the one it needs. */
const named = (service: LmsService): NestedMessage => ({ key: `ltiServices.service.${service}` });
const namedAtStart = (service: LmsService): NestedMessage => ({ key: `ltiServices.serviceAtStart.${service}` });

const TIMEOUT_MS = 15_000;
const MAX_BYTES = 8 * 1024 * 1024;

export interface JsonAnswer {
  body: unknown;
  headers: Headers;
}

export async function readJson(url: string, init: RequestInit, service: LmsService): Promise<JsonAnswer> {
  const { text, headers } = await send(url, init, service);
  if (text.length > MAX_BYTES) throw new ServiceError('ltiServices.tooLarge', { Service: namedAtStart(service), url });
  try {
    return { body: JSON.parse(text), headers };
  } catch {
    throw new ServiceError('ltiServices.notJson', { Service: namedAtStart(service), url });
  }
}

/** Sends the request and checks the status; the answer's text is returned unread (a score POST may answer nothing). */
export async function send(url: string, init: RequestInit, service: LmsService): Promise<{ text: string; headers: Headers; status: number }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new ServiceError(timedOut ? 'ltiServices.unreachableTimeout' : 'ltiServices.unreachable', { service: named(service), url });
  }
  const text = await response.text();
  if (!response.ok) {
    const refused = response.status === 401 || response.status === 403;
    throw refused
      ? new ServiceError('ltiServices.credentialsRefused', { Service: namedAtStart(service), url }, response.status)
      : new ServiceError('ltiServices.unexpectedStatus', { Service: namedAtStart(service), url, status: String(response.status) }, response.status);
  }
  return { text, headers: response.headers, status: response.status };
}
