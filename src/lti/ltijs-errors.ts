import { AppError } from '../domain/errors';
import type { ErrorKey } from '../i18n/messages/en/errors';

/**
 * ltijs reports a failed launch verification as a bare code or a jsonwebtoken message.
 * Turn each into something the person in front of the LMS can act on.
 */
const MESSAGES: Array<[RegExp, string, ErrorKey]> = [
  [/MISSING_VALIDATION_COOKIE/, 'LTI_COOKIE_BLOCKED',
    'errors.ltiCookieBlocked'],
  [/ISS_CLAIM_DOES_NOT_MATCH/, 'LTI_LAUNCH_REFUSED', 'errors.ltiOtherLms'],
  [/jwt expired|TOKEN_TOO_OLD/, 'LTI_LAUNCH_EXPIRED', 'errors.ltiLaunchExpired'],
  [/jwt not active|jwt issued at/, 'LTI_LAUNCH_REFUSED', 'errors.launchInTheFuture'],
  [/KEY_NOT_FOUND|KID_NOT_FOUND|KEYSET_NOT_FOUND|invalid signature|invalid algorithm|jwt malformed|INVALID_JWT_RECEIVED/, 'LTI_SIGNATURE_INVALID',
    'errors.ltiSignatureInvalid'],
  [/NONCE_ALREADY_RECEIVED/, 'LTI_NONCE_REPLAYED', 'errors.ltiNonceReplayed'],
  [/UNREGISTERED_PLATFORM/, 'LTI_PLATFORM_UNKNOWN', 'errors.ltiPlatformUnknownShort'],
  [/PLATFORM_NOT_ACTIVATED/, 'LTI_PLATFORM_INACTIVE', 'errors.ltiPlatformInactive'],
  [/NO_LTIK_OR_IDTOKEN_FOUND/, 'LTI_NO_LAUNCH', 'errors.ltiNoLaunch'],
];

export function fromLtijsError(detail: unknown): AppError {
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail ?? '');
  for (const [pattern, code, message] of MESSAGES) {
    if (pattern.test(text)) return new AppError(code, 401, message);
  }
  return new AppError('LTI_LAUNCH_REFUSED', 401, 'errors.ltiLaunchUnverified');
}
