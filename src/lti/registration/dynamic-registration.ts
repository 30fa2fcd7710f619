import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError, badRequest } from '../../domain/errors';
import { issueMessage } from '../../i18n/zod-issues';
import type { Storage } from '../../storage/ports';
import type { PlatformRegistry } from '../registry';
import { readJson, ServiceError } from '../services/http';
import { inviteIsValid, useInvite } from './invites';
import { fetchPlatformConfiguration, PLATFORM_CONFIG, type PlatformConfiguration } from './platform-config';
import { TOOL_CONFIG, toolRegistrationRequest } from './tool-config';
import { pageLanguage } from '../page-language';

/**
 * LTI Dynamic Registration, Agora's own: the LMS opens `<PUBLIC_URL>/lti/register/<invitation>` with
 * `openid_configuration` and `registration_token`. Agora reads the LMS's configuration (token as a
 * Bearer header), checks its issuer against where it came from, and shows the administrator what
 * will be registered. On confirmation it registers itself at the LMS (token as a Bearer header
 * again), records the platform, its endpoints and the deployment id the LMS returns, uses the
 * invitation up, and tells the LMS to close its dialog.
 */
const Start = z.object({
  openid_configuration: z.string({ message: 'errors.registration.noConfiguration' })
    .url('errors.registration.configurationUrl'),
  registration_token: z.string().min(1).optional(),
});

const RegistrationAnswer = z.looseObject({
  client_id: z.string().min(1),
  [TOOL_CONFIG]: z.looseObject({ deployment_id: z.string().min(1).optional() }).optional(),
});

export interface DynamicRegistrationDeps {
  storage: Storage;
  registry: PlatformRegistry;
  publicUrl: string;
  now: () => Date;
}

const expiredInvite = () => new AppError(
  'REGISTRATION_INVITE_INVALID',
  403,
  'errors.registrationInviteExpired',
);

export function dynamicRegistration(deps: DynamicRegistrationDeps) {
  async function start(req: Request): Promise<{ invite: string; params: z.infer<typeof Start>; config: PlatformConfiguration }> {
    const invite = String(req.params.invite ?? '');
    if (!(await inviteIsValid(deps.storage, invite, deps.now()))) throw expiredInvite();
    const params = Start.safeParse({ ...req.query, ...(req.method === 'POST' ? req.body : {}) });
    if (!params.success) throw badRequest('REGISTRATION_INVALID', ...issueMessage(params.error.issues[0]!));
    const config = await fetchPlatformConfiguration(params.data.openid_configuration, params.data.registration_token ?? null);
    return { invite, params: params.data, config };
  }

  /** GET: what is about to be registered, and a button to go ahead. */
  async function show(req: Request, res: Response): Promise<void> {
    const { params, config } = await start(req);
    const existing = await deps.registry.list();
    res.set('Cache-Control', 'no-store');
    const { locale, t } = pageLanguage(req);
    res.render('pages/lti-register', {
      locale,
      title: t('lti.registerTitle'),
      platform: describe(config),
      alreadyRegistered: existing.some((p) => p.issuer === config.issuer),
      form: { openidConfiguration: params.openid_configuration, registrationToken: params.registration_token ?? '' },
    });
  }

  /** POST: register at the LMS, then record the platform. */
  async function register(req: Request, res: Response): Promise<void> {
    const { invite, params, config } = await start(req);
    if (!(await useInvite(deps.storage, invite, deps.now()))) throw expiredInvite();
    let answer;
    try {
      answer = await readJson(config.registration_endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(params.registration_token ? { authorization: `Bearer ${params.registration_token}` } : {}),
        },
        body: JSON.stringify(toolRegistrationRequest(deps.publicUrl, config)),
      }, 'registrationEndpoint');
    } catch (error) {
      if (error instanceof ServiceError) {
        // The LMS's own problem is a ServiceError sentence (lti/services/http.ts), said in the reader's language too.
        throw error.status === 401 || error.status === 403
          ? new AppError('REGISTRATION_REFUSED', 502, 'errors.registrationTokenRefused', { url: config.registration_endpoint, status: String(error.status) })
          : new AppError('REGISTRATION_REFUSED', 502, 'errors.registrationRefused', { problem: error.toMessage() });
      }
      throw error;
    }
    const registered = RegistrationAnswer.safeParse(answer.body);
    if (!registered.success) {
      throw new AppError('REGISTRATION_REFUSED', 502, 'errors.registrationNoClientId');
    }
    const deploymentId = registered.data[TOOL_CONFIG]?.deployment_id ?? null;
    const platform = await deps.registry.add({
      issuer: config.issuer,
      clientId: registered.data.client_id,
      name: describe(config).name,
      authUrl: config.authorization_endpoint,
      tokenUrl: config.token_endpoint,
      jwksUrl: config.jwks_uri,
      authorizationServer: config.authorization_server,
      deploymentIds: deploymentId ? [deploymentId] : [],
    });
    res.set('Cache-Control', 'no-store');
    const { locale, t } = pageLanguage(req);
    res.render('pages/lti-registered', {
      locale,
      title: t('lti.registeredTitle'),
      platform,
      deploymentId,
      addDeployment: `npm run platform -- add --issuer ${platform.issuer} --client-id ${platform.clientId} --deployment <Deployment ID>`,
    });
  }

  return { show, register };
}

function describe(config: PlatformConfiguration): { name: string; issuer: string; product: string | null } {
  const product = config[PLATFORM_CONFIG]?.product_family_code ?? null;
  const names: Record<string, string> = { moodle: 'Moodle', canvas: 'Canvas' };
  return { name: (product && names[product]) ?? new URL(config.issuer).host, issuer: config.issuer, product };
}
