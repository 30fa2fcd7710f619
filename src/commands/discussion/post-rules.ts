import { badRequest } from '../../domain/errors';
import { LIMITS } from '../../domain/discussion';

/** The rules a title and a body must meet, with messages that say how to fix them. */
export function checkTitle(raw: string): string {
  const title = raw.replace(/\s+/g, ' ').trim();
  if (!title) throw badRequest('TITLE_REQUIRED', 'Give your thread a title.');
  if (title.length > LIMITS.titleMax) {
    throw badRequest('TITLE_TOO_LONG', `Keep the title under ${LIMITS.titleMax} characters (it has ${title.length}).`);
  }
  return title;
}

export function checkBody(raw: string, what: 'thread' | 'reply'): string {
  const body = raw.replace(/\r\n/g, '\n').trim();
  if (!body) throw badRequest('BODY_REQUIRED', what === 'thread' ? 'Write something in your post before publishing it.' : 'Write your reply before sending it.');
  if (body.length > LIMITS.bodyMax) {
    throw badRequest('BODY_TOO_LONG', `Posts can be up to ${LIMITS.bodyMax.toLocaleString('en')} characters; this one has ${body.length.toLocaleString('en')}. Split it into a post and a reply.`);
  }
  return body;
}
