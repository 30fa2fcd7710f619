import { AppError } from '../domain/errors';

/**
 * ltijs reports a failed launch verification as a bare code or a jsonwebtoken message.
 * Turn each into something the person in front of the LMS can act on.
 */
const MESSAGES: Array<[RegExp, string, string]> = [
  [/MISSING_VALIDATION_COOKIE/, 'LTI_COOKIE_BLOCKED',
    'Your browser did not send back the cookie Agora set when the launch began, which happens when it blocks cookies inside the LMS page (Safari does by default). Open Agora in a new window from your course, or allow cookies for this site.'],
  [/ISS_CLAIM_DOES_NOT_MATCH/, 'LTI_LAUNCH_REFUSED', 'The launch comes from a different LMS than the one that started it.'],
  [/jwt expired|TOKEN_TOO_OLD/, 'LTI_LAUNCH_EXPIRED', 'This launch has expired. Go back to your course and open Agora again.'],
  [/jwt not active|jwt issued at/, 'LTI_LAUNCH_REFUSED', 'The launch is dated in the future; the clocks of the LMS and Agora disagree. Ask an administrator to check both servers\' time.'],
  [/KEY_NOT_FOUND|KID_NOT_FOUND|KEYSET_NOT_FOUND|invalid signature|invalid algorithm|jwt malformed|INVALID_JWT_RECEIVED/, 'LTI_SIGNATURE_INVALID',
    'The launch could not be verified: it was not signed by a key your LMS publishes. Ask your administrator to check Agora\'s registration (the JWKS URL) for this LMS.'],
  [/NONCE_ALREADY_RECEIVED/, 'LTI_NONCE_REPLAYED', 'This launch was already used. Go back to your course and open Agora again.'],
  [/UNREGISTERED_PLATFORM/, 'LTI_PLATFORM_UNKNOWN', 'This LMS is not registered with Agora. An administrator can register it with: npm run platform -- add ...'],
  [/PLATFORM_NOT_ACTIVATED/, 'LTI_PLATFORM_INACTIVE', 'This LMS registration is not active yet. An administrator must activate it.'],
  [/NO_LTIK_OR_IDTOKEN_FOUND/, 'LTI_NO_LAUNCH', 'Agora opens from your course in the LMS. Go to your course and follow the Agora link there.'],
];

export function fromLtijsError(detail: unknown): AppError {
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail ?? '');
  for (const [pattern, code, message] of MESSAGES) {
    if (pattern.test(text)) return new AppError(code, 401, message);
  }
  return new AppError('LTI_LAUNCH_REFUSED', 401, 'The launch could not be verified. Go back to your course and open Agora again; if it keeps failing, ask your administrator to check Agora\'s registration.');
}
