import type { Browser } from './launch';
import { csrfToken } from './launch';

/**
 * The discussion room as a test drives it: real HTTP through supertest, the JSON flavour of the
 * same routes the pages post to, with the session's CSRF token.
 */
const tokens = new WeakMap<object, string>();

export async function tokenFor(browser: Browser, courseId: string): Promise<string> {
  const known = tokens.get(browser);
  if (known) return known;
  const token = await csrfToken(browser, `/c/${courseId}`);
  tokens.set(browser, token);
  return token;
}

/** POSTs to a room route asking for JSON; returns the response (status, body). */
export async function act(browser: Browser, courseId: string, path: string, body: Record<string, unknown> = {}) {
  return browser.post(path).set('Accept', 'application/json').set('X-CSRF-Token', await tokenFor(browser, courseId)).send(body);
}

export interface PostedThread { id: string; url: string; title: string }

export async function postThread(browser: Browser, courseId: string, fields: Record<string, unknown> = {}): Promise<PostedThread> {
  const response = await act(browser, courseId, `/c/${courseId}/discussion/threads`, { title: 'A thread', body: 'Some text', ...fields });
  if (response.status !== 201) throw new Error(`posting a thread answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.thread as PostedThread;
}

export async function postReply(browser: Browser, courseId: string, threadId: string, fields: Record<string, unknown> = {}): Promise<{ id: string }> {
  const response = await act(browser, courseId, `/c/${courseId}/discussion/threads/${threadId}/replies`, { body: 'A reply', ...fields });
  if (response.status !== 201) throw new Error(`replying answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.reply as { id: string };
}

export const threadPath = (courseId: string, threadId: string) => `/c/${courseId}/discussion/threads/${threadId}`;
