import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError, badRequest, forbidden } from '../domain/errors';
import { issueMessage } from '../i18n/zod-issues';
import { newSecret } from '../domain/ids';
import type { Storage } from '../storage/ports';
import type { LtijsProvider } from 'ltijs';
import { platformStorageKey, platformStorageValue, type LoginTicketData } from './login-ticket';
import { pageLanguage } from './page-language';

/**
 * OIDC login initiation (the first leg of every LTI 1.3 launch), done here rather than by ltijs
 * because ltijs's own step draws its nonce from Math.random, never remembers it, and, when the LMS
 * omits client_id, silently picks the first registration with that issuer. Ours issues a
 * cryptographically random state and nonce, remembers both (single use, 10 minutes), binds the
 * state to this browser, and refuses unknown platforms, deployments and foreign target links with a
 * sentence an admin can act on.
 *
 * Binding the state to the browser: always a signed, HttpOnly cookie. When the LMS offers LTI
 * platform storage (`lti_storage_target`, Canvas does), the login also answers with a small page
 * that stores a value only Agora can compute in the LMS's storage (postMessage) before going on to
 * the LMS: browsers that block third-party cookies (Safari) still let the launch prove it comes from
 * the browser that started it (see launch-flow.ts).
 */
export const STATE_LIFETIME_MS = 10 * 60 * 1000;

const LoginParams = z.object({
  iss: z.string({ message: 'errors.login.iss' }).url('errors.login.issUrl'),
  login_hint: z.string({ message: 'errors.login.loginHint' }).min(1, 'errors.login.loginHintEmpty'),
  target_link_uri: z.string({ message: 'errors.login.target' }).url('errors.login.targetUrl'),
  client_id: z.string().min(1).optional(),
  lti_deployment_id: z.string().min(1).optional(),
  lti_message_hint: z.string().optional(),
  lti_storage_target: z.string().regex(/^[\w-]{1,64}$/, 'errors.login.storageTarget').optional(),
});

export interface LoginDeps {
  provider: LtijsProvider;
  storage: Storage;
  publicUrl: string;
  cookieOptions: { secure: boolean; sameSite: 'none' | 'lax'; httpOnly: true; signed: true };
  /** Signs the platform-storage value. */
  secret: string;
  now: () => Date;
}

export function loginHandler(deps: LoginDeps) {
  const launchUrls = [`${deps.publicUrl}/lti/launch`, `${deps.publicUrl}/lti/deep-link`];

  return async (req: Request, res: Response): Promise<void> => {
    const parsed = LoginParams.safeParse({ ...req.query, ...(typeof req.body === 'object' ? req.body : {}) });
    if (!parsed.success) throw badRequest('LTI_LOGIN_INVALID', ...issueMessage(parsed.error.issues[0]!));
    const params = parsed.data;

    const redirectUri = params.target_link_uri.split('?')[0]!;
    if (!launchUrls.includes(redirectUri)) {
      throw badRequest(
        'LTI_TARGET_NOT_OURS',
        'errors.ltiTargetNotOurs',
        { redirectUri, launchUrls: launchUrls.join(' | ') },
      );
    }

    const clientId = params.client_id ?? (await soleClientId(deps.provider, params.iss));
    const platform = await deps.provider.getPlatform(params.iss, clientId);
    if (!platform) throw unregistered(params.iss, clientId);
    if (params.lti_deployment_id && !(await deps.storage.deployments.exists(params.iss, clientId, params.lti_deployment_id))) {
      throw unknownDeployment(params.iss, clientId, params.lti_deployment_id);
    }

    const now = deps.now();
    const state = newSecret();
    const nonce = newSecret();
    await deps.storage.launchStates.create({
      state,
      nonce,
      issuer: params.iss,
      clientId,
      deploymentId: params.lti_deployment_id ?? null,
      targetLinkUri: params.target_link_uri,
      createdAt: now,
      expiresAt: new Date(now.getTime() + STATE_LIFETIME_MS),
    });
    const authorize = new URL(await platform.platformAuthEndpoint());
    const login: LoginTicketData = {
      issuer: params.iss,
      clientId,
      loginHint: params.login_hint,
      targetLinkUri: params.target_link_uri,
      deploymentId: params.lti_deployment_id ?? null,
      messageHint: params.lti_message_hint ?? null,
      storageTarget: params.lti_storage_target ?? null,
      platformOrigin: authorize.origin,
    };
    await deps.storage.ltiTickets.create({ kind: 'login', id: state, data: login, createdAt: now, expiresAt: new Date(now.getTime() + STATE_LIFETIME_MS) });
    // Checked at launch: it ties the state to the browser that started the login.
    res.cookie(`state${state}`, params.iss, { ...deps.cookieOptions, maxAge: STATE_LIFETIME_MS });

    const query: Record<string, string> = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: clientId,
      redirect_uri: redirectUri,
      login_hint: params.login_hint,
      state,
      nonce,
    };
    if (params.lti_message_hint !== undefined) query.lti_message_hint = params.lti_message_hint;
    if (params.lti_deployment_id !== undefined) query.lti_deployment_id = params.lti_deployment_id;
    for (const [name, value] of Object.entries(query)) authorize.searchParams.set(name, value);
    if (!login.storageTarget) {
      res.redirect(302, authorize.toString());
      return;
    }
    res.set('Cache-Control', 'no-store');
    const { locale, t } = pageLanguage(req);
    res.render('pages/lti-storage-login', {
      locale,
      title: t('lti.openingTitle'),
      storage: {
        target: login.storageTarget,
        origin: login.platformOrigin,
        key: platformStorageKey(state),
        value: platformStorageValue(deps.secret, state),
        next: authorize.toString(),
      },
    });
  };
}

async function soleClientId(provider: LtijsProvider, issuer: string): Promise<string> {
  const platforms = (await provider.getPlatform(issuer)) || [];
  if (platforms.length === 1) return platforms[0]!.platformClientId();
  if (platforms.length === 0) throw unregistered(issuer, null);
  throw badRequest(
    'LTI_CLIENT_ID_MISSING',
    'errors.ltiClientIdMissing',
    { count: String(platforms.length), issuer },
  );
}

export function unregistered(issuer: string, clientId: string | null): AppError {
  const who = clientId ? `${issuer} (client id ${clientId})` : issuer;
  return new AppError(
    'LTI_PLATFORM_UNKNOWN',
    400,
    'errors.ltiPlatformUnknown',
    { who, issuer },
  );
}

export function unknownDeployment(issuer: string, clientId: string, deploymentId: string): AppError {
  return forbidden(
    'LTI_DEPLOYMENT_UNKNOWN',
    'errors.ltiDeploymentUnknown',
    { deploymentId, issuer, clientId },
  );
}
