import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import type { LtijsProvider } from 'ltijs';
import { z } from 'zod';
import { AppError, badRequest, unauthorized, type ErrorParams } from '../domain/errors';
import type { ErrorKey } from '../i18n/messages/en/errors';
import { issueMessage } from '../i18n/zod-issues';
import type { LaunchState } from '../domain/launch';
import type { Storage } from '../storage/ports';
import { CLAIM, LaunchClaims, LaunchHeader } from './claims';
import type { JwksCache } from './jwks-cache';
import { decodeJwt, hasValidRs256Signature } from './jwt';
import { unknownDeployment } from './login';

/**
 * Verifies a launch post completely, before anything about it is stored. ltijs's own launch
 * validation is not used (see jwks-cache.ts for why); what this checks, in order:
 * - the state is one we issued, unexpired, and is consumed atomically (single use even across
 *   processes); the caller has already tied it to this browser (cookie or platform storage);
 * - only RS256 with a key id (alg `none` and HS256 key confusion cannot pass);
 * - every claim Agora relies on is present and well-formed (zod), with a precise message;
 * - the issuer is the one the login was for; the audience is our client id and nothing untrusted;
 *   azp, when present, is us; the nonce is the one we issued with that state;
 * - the deployment is one an administrator registered;
 * - target_link_uri is one of Agora's launch URLs and the one the login asked for;
 * - the signature, with the platform's keys (cached, refetched on an unknown key id);
 * - expiry, and the token's age: issued at most `maxTokenAgeSeconds` ago whatever its exp says.
 * Until the signature is checked everything here only refuses, never trusts.
 */
export const LaunchForm = z.object({
  id_token: z.string({ message: 'errors.launchNoIdToken' }).min(1, 'errors.launchEmptyIdToken'),
  state: z.string({ message: 'errors.launchNoState' }).min(1, 'errors.launchEmptyState'),
});
export type LaunchForm = z.infer<typeof LaunchForm>;

const PlatformError = z.object({ error: z.string(), error_description: z.string().optional() });

/** Clock differences between the LMS and Agora that are tolerated, in seconds. */
const CLOCK_SKEW_SECONDS = 60;

export interface LaunchGuardDeps {
  storage: Storage;
  provider: LtijsProvider;
  jwks: JwksCache;
  /** Agora's launch URLs (login redirect targets), without query. */
  launchUrls: string[];
  maxTokenAgeSeconds: number;
  now: () => Date;
}

export interface VerifiedLaunch {
  state: LaunchState;
  /** The verified claims. */
  claims: Record<string, unknown>;
}

/** Reads a launch post: the LMS's own refusal, or an id_token with its state. */
export function readLaunchForm(body: unknown): LaunchForm {
  const platformError = PlatformError.safeParse(body ?? {});
  if (platformError.success) {
    const { error, error_description: description } = platformError.data;
    throw description
      ? badRequest('LTI_PLATFORM_REFUSED', 'errors.ltiPlatformRefusedWhy', { error, description })
      : badRequest('LTI_PLATFORM_REFUSED', 'errors.ltiPlatformRefused', { error });
  }
  const form = LaunchForm.safeParse(body ?? {});
  if (!form.success) throw badRequest('LTI_LAUNCH_INVALID', ...issueMessage(form.error.issues[0]!));
  return form.data;
}

export function stateExpired(): AppError {
  return unauthorized('LTI_STATE_UNKNOWN', 'errors.ltiStateUnknown');
}

/** Consumes the state and checks everything else about the token. */
export async function verifyLaunch(deps: LaunchGuardDeps, form: LaunchForm): Promise<VerifiedLaunch> {
  // Single use from here on, whatever happens next.
  const state = await deps.storage.launchStates.consume(form.state, deps.now());
  if (!state) throw stateExpired();
  return { state, claims: await verifyToken(deps, state, form.id_token) };
}

async function verifyToken(deps: LaunchGuardDeps, state: LaunchState, idToken: string): Promise<Record<string, unknown>> {
  const jwt = decodeJwt(idToken);
  if (!jwt) throw refused('errors.launchNotJwt');
  const header = LaunchHeader.safeParse(jwt.header);
  if (!header.success) throw refused(...issueMessage(header.error.issues[0]!));
  const checked = LaunchClaims.safeParse(jwt.payload);
  if (!checked.success) throw refused(...issueMessage(checked.error.issues[0]!));
  const launch = checked.data;

  if (launch.iss !== state.issuer) throw refused('errors.ltiOtherLms');
  const audiences = Array.isArray(launch.aud) ? launch.aud : [launch.aud];
  if (!audiences.includes(state.clientId)) throw refused('errors.launchOtherAudience');
  if (audiences.some((aud) => aud !== state.clientId)) {
    throw refused('errors.launchUntrustedAudiences');
  }
  if (launch.azp !== undefined && launch.azp !== state.clientId) throw refused('errors.launchOtherAzp');
  if (launch.nonce !== state.nonce) {
    throw unauthorized('LTI_NONCE_MISMATCH', 'errors.ltiNonceMismatch');
  }
  const deploymentId = launch[CLAIM.deploymentId];
  if (state.deploymentId !== null && state.deploymentId !== deploymentId) {
    throw refused('errors.launchOtherDeployment');
  }
  if (!(await deps.storage.deployments.exists(launch.iss, state.clientId, deploymentId))) {
    throw unknownDeployment(launch.iss, state.clientId, deploymentId);
  }
  checkTargetLinkUri(deps.launchUrls, state, (launch as Record<string, unknown>)[CLAIM.targetLinkUri]);

  const key = await platformKey(deps, state, header.data.kid);
  if (!key || !hasValidRs256Signature(jwt, key)) {
    throw new AppError('LTI_SIGNATURE_INVALID', 401, 'errors.ltiSignatureInvalid');
  }
  checkTimes(deps, launch);
  return launch as Record<string, unknown>;
}

/**
 * The launch must be for Agora (scheme, host, port and path of one of our launch URLs) and for
 * the link the login named: a token minted for another tool's URL, or for another Agora item than
 * the one the LMS started, is refused. The query (a deep-linked item) must match the login's too.
 */
function checkTargetLinkUri(launchUrls: string[], state: LaunchState, claim: unknown): void {
  if (claim === undefined) return; // deep linking requests may omit it; resource links are required to have it (claims.ts)
  const notOurs = () => refused('errors.launchTargetNotOurs');
  if (typeof claim !== 'string') throw notOurs();
  let target: URL;
  let asked: URL;
  try {
    target = new URL(claim);
    asked = new URL(state.targetLinkUri);
  } catch {
    throw notOurs();
  }
  if (!launchUrls.includes(`${target.origin}${target.pathname}`)) throw notOurs();
  const sameQuery = [...target.searchParams].sort().join('&') === [...asked.searchParams].sort().join('&');
  if (`${target.origin}${target.pathname}` !== `${asked.origin}${asked.pathname}` || !sameQuery) {
    throw refused('errors.launchTargetOtherLink');
  }
}

async function platformKey(deps: LaunchGuardDeps, state: LaunchState, kid: string): Promise<KeyObject | null> {
  const platform = await deps.provider.getPlatform(state.issuer, state.clientId);
  if (!platform) throw refused('errors.launchPlatformRemoved');
  const auth = await platform.platformAuthConfig();
  if (auth.method === 'JWK_SET') return deps.jwks.keyFor(auth.key, kid);
  // A single key given at registration (not used by the CLI, but ltijs allows it).
  try {
    return auth.method === 'JWK_KEY'
      ? createPublicKey({ key: typeof auth.key === 'string' ? JSON.parse(auth.key) : auth.key, format: 'jwk' })
      : createPublicKey(auth.key);
  } catch {
    return null;
  }
}

function checkTimes(deps: LaunchGuardDeps, launch: { exp: number; iat: number; nbf?: unknown }): void {
  const now = deps.now().getTime() / 1000;
  if (launch.exp <= now - CLOCK_SKEW_SECONDS || now - launch.iat > deps.maxTokenAgeSeconds) {
    throw new AppError('LTI_LAUNCH_EXPIRED', 401, 'errors.ltiLaunchExpired');
  }
  const notBefore = typeof launch.nbf === 'number' ? launch.nbf : launch.iat;
  if (notBefore > now + CLOCK_SKEW_SECONDS) {
    throw refused('errors.launchInTheFuture');
  }
}

function refused(message: ErrorKey, params?: ErrorParams): AppError {
  return new AppError('LTI_LAUNCH_REFUSED', 401, message, params);
}
