/**
 * Calls to an LMS's LTI services: a timeout on every request, a size limit on every answer, and
 * failures turned into one sentence staff can act on (shown on the roster page), never a stack.
 */
export class ServiceError extends Error {
  constructor(message: string, readonly status: number | null = null) {
    super(message);
    this.name = 'ServiceError';
  }
}

const TIMEOUT_MS = 15_000;
const MAX_BYTES = 8 * 1024 * 1024;

export interface JsonAnswer {
  body: unknown;
  headers: Headers;
}

export async function readJson(url: string, init: RequestInit, what: string): Promise<JsonAnswer> {
  const { text, headers } = await send(url, init, what);
  if (text.length > MAX_BYTES) throw new ServiceError(`${capitalise(what)} at ${url} sent more data than Agora accepts in one answer.`);
  try {
    return { body: JSON.parse(text), headers };
  } catch {
    throw new ServiceError(`${capitalise(what)} at ${url} answered with something that is not JSON.`);
  }
}

/** Sends the request and checks the status; the answer's text is returned unread (a score POST may answer nothing). */
export async function send(url: string, init: RequestInit, what: string): Promise<{ text: string; headers: Headers; status: number }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new ServiceError(`Agora could not reach ${what} at ${url} (${timedOut ? 'no answer within 15 seconds' : 'connection failed'}).`);
  }
  const text = await response.text();
  if (!response.ok) {
    const hint = response.status === 401 || response.status === 403
      ? 'it refused Agora\'s credentials; check that the tool is allowed this service in the LMS'
      : `it answered ${response.status}`;
    throw new ServiceError(`${capitalise(what)} at ${url} did not answer as expected (${hint}).`, response.status);
  }
  return { text, headers: response.headers, status: response.status };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
