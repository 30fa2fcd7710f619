import { badRequest } from '../../domain/errors';
import { LIMITS } from '../../domain/discussion';

/** The rules a title and a body must meet, with messages that say how to fix them. */
export function checkTitle(raw: string): string {
  const title = raw.replace(/\s+/g, ' ').trim();
  if (!title) throw badRequest('TITLE_REQUIRED', 'errors.titleRequired');
  if (title.length > LIMITS.titleMax) {
    throw badRequest('TITLE_TOO_LONG', 'errors.titleTooLong', { max: LIMITS.titleMax, length: title.length });
  }
  return title;
}

export function checkBody(raw: string, what: 'thread' | 'reply'): string {
  const body = raw.replace(/\r\n/g, '\n').trim();
  if (!body) throw badRequest('BODY_REQUIRED', what === 'thread' ? 'errors.threadBodyRequired' : 'errors.replyBodyRequired');
  if (body.length > LIMITS.bodyMax) {
    throw badRequest('BODY_TOO_LONG', 'errors.bodyTooLong', { max: LIMITS.bodyMax, length: body.length });
  }
  return body;
}
