import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { AppError, badRequest, unauthorized } from '../domain/errors';
import type { LaunchState } from '../domain/launch';
import type { Storage } from '../storage/ports';
import { CLAIM, LaunchClaims, LaunchHeader } from './claims';
import { unknownDeployment } from './login';

/**
 * Runs on the launch POST before ltijs sees it. ltijs then verifies the signature against the
 * platform's keys, the issuer against the state cookie, expiry and age, and records the nonce.
 * What this adds (see FIELD-NOTES on ltijs's weak spots):
 * - the state must be one we issued, unexpired, and is consumed atomically (single use even
 *   across processes);
 * - the nonce must be the one we issued with that state, so a token minted for another login,
 *   or replayed, is refused;
 * - only RS256 with a key id; the audience must be our client id and nothing untrusted; azp,
 *   when present, must be us;
 * - the deployment must be one an administrator registered;
 * - every claim Agora relies on is present and well-formed (zod), with a precise message.
 * Everything here reads the token before its signature is checked: it may only refuse, never
 * trust. What passes is trusted only after ltijs has verified it.
 */
const LaunchForm = z.object({
  id_token: z.string({ message: 'The launch request has no id_token. Open Agora from your course in the LMS.' }).min(1),
  state: z.string({ message: 'The launch request has no state. Open Agora from your course in the LMS.' }).min(1),
});

const PlatformError = z.object({ error: z.string(), error_description: z.string().optional() });

export interface VerifiedLaunchStart {
  state: LaunchState;
}

export function launchGuard(deps: { storage: Storage; now: () => Date }) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const body: unknown = req.body ?? {};
    const platformError = PlatformError.safeParse(body);
    if (platformError.success) {
      throw badRequest(
        'LTI_PLATFORM_REFUSED',
        `Your LMS refused the launch (${platformError.data.error}${platformError.data.error_description ? `: ${platformError.data.error_description}` : ''}). Sign in to the LMS and open Agora from your course again.`,
      );
    }
    const form = LaunchForm.safeParse(body);
    if (!form.success) throw badRequest('LTI_LAUNCH_INVALID', form.error.issues[0]!.message);

    // Single use from here on, whatever happens next.
    const state = await deps.storage.launchStates.consume(form.data.state, deps.now());
    if (!state) {
      throw unauthorized(
        'LTI_STATE_UNKNOWN',
        'This launch has expired or was already used. Go back to your course and open Agora again.',
      );
    }

    const { header, payload } = decodeJwt(form.data.id_token);
    const checkedHeader = LaunchHeader.safeParse(header);
    if (!checkedHeader.success) throw refused(checkedHeader.error.issues[0]!.message);
    const claims = LaunchClaims.safeParse(payload);
    if (!claims.success) throw refused(claims.error.issues[0]!.message);
    const launch = claims.data;

    if (launch.iss !== state.issuer) throw refused('The launch comes from a different LMS than the one that started it.');
    const audiences = Array.isArray(launch.aud) ? launch.aud : [launch.aud];
    if (!audiences.includes(state.clientId)) throw refused('The launch is addressed to another tool (its aud claim does not name Agora\'s client id).');
    if (audiences.some((aud) => aud !== state.clientId)) {
      throw refused('The launch is also addressed to other, untrusted audiences, which LTI 1.3 forbids Agora to accept.');
    }
    if (launch.azp !== undefined && launch.azp !== state.clientId) throw refused('The launch was authorised for another tool (azp).');
    if (launch.nonce !== state.nonce) {
      throw unauthorized('LTI_NONCE_MISMATCH', 'This launch does not answer the login Agora started (its nonce is not the one Agora issued), so it may be replayed. Open Agora from your course again.');
    }
    const deploymentId = launch[CLAIM.deploymentId];
    if (state.deploymentId !== null && state.deploymentId !== deploymentId) {
      throw refused('The launch names a different deployment than its login request did.');
    }
    if (!(await deps.storage.deployments.exists(launch.iss, state.clientId, deploymentId))) {
      throw unknownDeployment(launch.iss, state.clientId, deploymentId);
    }

    res.locals.agoraLaunchStart = { state } satisfies VerifiedLaunchStart;
    next();
  };
}

function refused(message: string): AppError {
  return new AppError('LTI_LAUNCH_REFUSED', 401, message);
}

function decodeJwt(token: string): { header: unknown; payload: unknown } {
  const parts = token.split('.');
  if (parts.length !== 3) throw refused('The launch token is not a signed JWT.');
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')),
      payload: JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')),
    };
  } catch {
    throw refused('The launch token is not a readable JWT.');
  }
}
