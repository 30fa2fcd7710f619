import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import { newSecret } from '../../domain/ids';
import { forbidden, unauthorized } from '../../domain/errors';
import type { Storage } from '../../storage/ports';

/**
 * After a verified launch the browser holds an opaque session token in a cookie (HttpOnly;
 * Secure + SameSite=None under https so it survives inside the LMS iframe). Only its hash is
 * stored. The same cookie authenticates the socket.io handshake. Forms and JSON writes also
 * carry a CSRF token derived from the session, because a SameSite=None cookie is sent on
 * cross-site requests too.
 */
export const SESSION_COOKIE = 'agora_sid';

export interface SessionOptions {
  storage: Storage;
  secret: string;
  secureCookies: boolean;
  ttlMs: number;
  now: () => Date;
}

export interface RequestSession {
  personId: string;
  tokenHash: string;
  csrfToken: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    session?: RequestSession;
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function csrfTokenFor(secret: string, tokenHash: string): string {
  return createHmac('sha256', secret).update(`csrf:${tokenHash}`).digest('base64url');
}

export function sessionCookieOptions(options: Pick<SessionOptions, 'secureCookies' | 'ttlMs'>) {
  return {
    httpOnly: true,
    secure: options.secureCookies,
    sameSite: options.secureCookies ? ('none' as const) : ('lax' as const),
    path: '/',
    maxAge: options.ttlMs,
  };
}

/** Starts a session for a person who just launched; replaces any session this browser had. */
export async function startSession(options: SessionOptions, req: Request, res: Response, personId: string): Promise<void> {
  const previous = readToken(req);
  if (previous) await options.storage.sessions.delete(hashToken(previous));
  const token = newSecret();
  const now = options.now();
  await options.storage.sessions.create({
    tokenHash: hashToken(token),
    personId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + options.ttlMs),
  });
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(options));
}

export function readToken(req: { headers: { cookie?: string | undefined } }): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  return parseCookie(header)[SESSION_COOKIE] ?? null;
}

/** Resolves a cookie header to a session, or null. Shared by HTTP and the socket handshake. */
export async function sessionFromCookieHeader(options: SessionOptions, cookieHeader: string | undefined): Promise<RequestSession | null> {
  const token = readToken({ headers: { cookie: cookieHeader } });
  if (!token) return null;
  const tokenHash = hashToken(token);
  const session = await options.storage.sessions.findActive(tokenHash, options.now());
  if (!session) return null;
  return { personId: session.personId, tokenHash, csrfToken: csrfTokenFor(options.secret, tokenHash) };
}

export function loadSession(options: SessionOptions) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    try {
      req.session = (await sessionFromCookieHeader(options, req.headers.cookie)) ?? undefined;
      next();
    } catch (error) {
      next(error);
    }
  };
}

export function requireSession(req: Request, _res: Response, next: NextFunction): void {
  if (!req.session) {
    next(unauthorized('NO_SESSION', 'Your Agora session has ended or this browser blocked its cookie. Open Agora again from your course in the LMS.'));
    return;
  }
  next();
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Writes must carry the session's CSRF token, as a form field or an X-CSRF-Token header. */
export function requireCsrf(req: Request, _res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method) || !req.session) {
    next();
    return;
  }
  const sent = String(req.get('x-csrf-token') ?? (req.body as Record<string, unknown> | undefined)?._csrf ?? '');
  const expected = req.session.csrfToken;
  const ok = sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) {
    next(forbidden('CSRF_FAILED', 'This form has expired or did not come from Agora. Reload the page and try again.'));
    return;
  }
  next();
}
