import { createHash, createHmac } from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import { newSecret } from '../domain/ids';
import type { SessionScope } from '../domain/launch';
import type { Storage } from '../storage/ports';
import type { ErrorKey } from '../i18n/messages/en/errors';

/**
 * Browser sessions after a verified launch, independent of any framework: HTTP and the socket
 * handshake both resolve the same cookie here. The browser holds an opaque token; only its hash is
 * stored. Writes also need a CSRF token derived from the session, because a SameSite=None cookie
 * (needed inside LMS iframes) is sent on cross-site requests too.
 */
export const SESSION_COOKIE = 'agora_sid';

export const NO_SESSION_MESSAGE = 'errors.noSession' satisfies ErrorKey;

export interface SessionOptions {
  storage: Storage;
  secret: string;
  secureCookies: boolean;
  ttlMs: number;
  now: () => Date;
}

export interface ResolvedSession {
  personId: string;
  tokenHash: string;
  csrfToken: string;
  /** 'alumni' for a session an email sign-in link started: it opens the person's alumni communities only. */
  scope: SessionScope;
  /** The person's locale when the session started, as the launch sent it (see createSession). */
  locale: string | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function csrfTokenFor(secret: string, tokenHash: string): string {
  return createHmac('sha256', secret).update(`csrf:${tokenHash}`).digest('base64url');
}

export function tokenFromCookieHeader(header: string | undefined): string | null {
  if (!header) return null;
  return parseCookie(header)[SESSION_COOKIE] ?? null;
}

/**
 * Creates a session for the person and returns the token to hand to the browser. The session keeps
 * a copy of the person's locale: every request needs its language and already reads the session
 * row, so this costs no extra read per request. It stays current because the locale changes only
 * at a launch, and a launch always starts a new session (an alumni sign-in link copies the locale
 * of the person's latest launch); a session in another browser keeps its launch's language.
 */
export async function createSession(options: SessionOptions, personId: string, scope: SessionScope = 'launch'): Promise<string> {
  const token = newSecret();
  const now = options.now();
  const person = await options.storage.people.findById(personId);
  await options.storage.sessions.create({
    tokenHash: hashToken(token),
    personId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + options.ttlMs),
    scope,
    locale: person?.locale ?? null,
  });
  return token;
}

/** Resolves a Cookie header to an active session, or null. */
export async function sessionFromCookieHeader(options: SessionOptions, cookieHeader: string | undefined): Promise<ResolvedSession | null> {
  const token = tokenFromCookieHeader(cookieHeader);
  if (!token) return null;
  const tokenHash = hashToken(token);
  const session = await options.storage.sessions.findActive(tokenHash, options.now());
  if (!session) return null;
  return {
    personId: session.personId, tokenHash, csrfToken: csrfTokenFor(options.secret, tokenHash), scope: session.scope ?? 'launch', locale: session.locale ?? null,
  };
}
