import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one-click unsubscribe link in every digest: it must work without signing in (people open
 * mail anywhere), so it carries who it is for, signed with the app secret (HMAC-SHA256, as
 * sessions' CSRF tokens are). The signed text names its purpose, so a signature made for anything
 * else can never pass as this one. Links expire, so an old email found in an archive cannot
 * change a setting forever; a digest always carries a fresh one.
 *
 *   <version>.<person id>.<issued at, epoch seconds in base 36>.<signature>
 */
const PURPOSE = 'agora:digest-unsubscribe:v1';
const VERSION = 'v1';
export const UNSUBSCRIBE_LINK_TTL_MS = 90 * 86_400_000;

/** The shape of a token, for validating the URL parameter before anything else. */
export const UNSUBSCRIBE_TOKEN_PATTERN = /^v1\.[0-9A-Za-z]{1,64}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{43}$/;

export type UnsubscribeCheck =
  | { ok: true; personId: string }
  | { ok: false; reason: 'invalid' | 'expired' };

function signature(secret: string, personId: string, issued: string): string {
  return createHmac('sha256', secret).update(`${PURPOSE}:${personId}:${issued}`).digest('base64url');
}

export function signUnsubscribeToken(secret: string, personId: string, issuedAt: Date): string {
  const issued = Math.floor(issuedAt.getTime() / 1000).toString(36);
  return `${VERSION}.${personId}.${issued}.${signature(secret, personId, issued)}`;
}

export function verifyUnsubscribeToken(secret: string, token: string, now: Date): UnsubscribeCheck {
  if (!UNSUBSCRIBE_TOKEN_PATTERN.test(token)) return { ok: false, reason: 'invalid' };
  const [, personId = '', issued = '', sent = ''] = token.split('.');
  const expected = Buffer.from(signature(secret, personId, issued));
  const given = Buffer.from(sent);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  // Checked only once the signature holds: an attacker learns nothing from the expiry answer.
  const issuedAt = parseInt(issued, 36) * 1000;
  if (!Number.isFinite(issuedAt) || now.getTime() - issuedAt > UNSUBSCRIBE_LINK_TTL_MS) return { ok: false, reason: 'expired' };
  return { ok: true, personId };
}

export const unsubscribePath = (token: string) => `/email/unsubscribe/${token}`;
