import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import {
  createSession, hashToken, SESSION_COOKIE, sessionFromCookieHeader, tokenFromCookieHeader,
  type ResolvedSession, type SessionOptions,
} from '../../auth/sessions';
import { forbidden } from '../../domain/errors';
import type { SessionScope } from '../../domain/launch';

export type { SessionOptions } from '../../auth/sessions';

declare module 'express-serve-static-core' {
  interface Request {
    session?: ResolvedSession;
  }
}

/** HttpOnly always; Secure + SameSite=None under https so the cookie survives inside the LMS iframe. */
export function sessionCookieOptions(options: Pick<SessionOptions, 'secureCookies' | 'ttlMs'>) {
  return {
    httpOnly: true,
    secure: options.secureCookies,
    sameSite: options.secureCookies ? ('none' as const) : ('lax' as const),
    path: '/',
    maxAge: options.ttlMs,
  };
}

/**
 * Starts a session for a person who just launched (or, with scope 'alumni', followed an email
 * sign-in link); replaces any session this browser had.
 */
export async function startSession(options: SessionOptions, req: Request, res: Response, personId: string, scope: SessionScope = 'launch'): Promise<void> {
  const previous = tokenFromCookieHeader(req.headers.cookie);
  if (previous) await options.storage.sessions.delete(hashToken(previous));
  res.cookie(SESSION_COOKIE, await createSession(options, personId, scope), sessionCookieOptions(options));
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
  next(ok ? undefined : forbidden('CSRF_FAILED', 'errors.csrfFailed'));
}
