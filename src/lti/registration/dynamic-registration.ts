import type { Request, Response } from 'express';
import { z } from 'zod';
import { AppError, badRequest } from '../../domain/errors';
import type { Storage } from '../../storage/ports';
import type { PlatformRegistry } from '../registry';
import { readJson, ServiceError } from '../services/http';
import { inviteIsValid, useInvite } from './invites';
import { fetchPlatformConfiguration, PLATFORM_CONFIG, type PlatformConfiguration } from './platform-config';
import { TOOL_CONFIG, toolRegistrationRequest } from './tool-config';

/**
 * LTI Dynamic Registration, Agora's own: the LMS opens `<PUBLIC_URL>/lti/register/<invitation>` with
 * `openid_configuration` and `registration_token`. Agora reads the LMS's configuration (token as a
 * Bearer header), checks its issuer against where it came from, and shows the administrator what
 * will be registered. On confirmation it registers itself at the LMS (token as a Bearer header
 * again), records the platform, its endpoints and the deployment id the LMS returns, uses the
 * invitation up, and tells the LMS to close its dialog.
 */
const Start = z.object({
  openid_configuration: z.string({ message: 'The registration request does not say where the LMS configuration is (openid_configuration). Start the registration from the LMS.' })
    .url('The registration request has an openid_configuration that is not a URL.'),
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
  'This registration URL has expired or was already used. An Agora administrator can create a new one with: npm run registration -- invite',
);

export function dynamicRegistration(deps: DynamicRegistrationDeps) {
  async function start(req: Request): Promise<{ invite: string; params: z.infer<typeof Start>; config: PlatformConfiguration }> {
    const invite = String(req.params.invite ?? '');
    if (!(await inviteIsValid(deps.storage, invite, deps.now()))) throw expiredInvite();
    const params = Start.safeParse({ ...req.query, ...(req.method === 'POST' ? req.body : {}) });
    if (!params.success) throw badRequest('REGISTRATION_INVALID', params.error.issues[0]!.message);
    const config = await fetchPlatformConfiguration(params.data.openid_configuration, params.data.registration_token ?? null);
    return { invite, params: params.data, config };
  }

  /** GET: what is about to be registered, and a button to go ahead. */
  async function show(req: Request, res: Response): Promise<void> {
    const { params, config } = await start(req);
    const existing = await deps.registry.list();
    res.set('Cache-Control', 'no-store');
    res.render('pages/lti-register', {
      title: 'Register Agora',
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
      }, 'the LMS registration endpoint');
    } catch (error) {
      if (error instanceof ServiceError) {
        const why = error.status === 401 || error.status === 403
          ? `The LMS refused Agora's registration at ${config.registration_endpoint} (it answered ${error.status}): the registration token is missing or has expired.`
          : error.message;
        throw new AppError('REGISTRATION_REFUSED', 502, `${why} Nothing was registered in Agora; ask an Agora administrator for a new registration URL and start again from the LMS.`);
      }
      throw error;
    }
    const registered = RegistrationAnswer.safeParse(answer.body);
    if (!registered.success) {
      throw new AppError('REGISTRATION_REFUSED', 502, 'The LMS accepted the registration but did not say which client id it gave Agora, so Agora recorded nothing. Remove the new tool in the LMS and register again with a new registration URL.');
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
    res.render('pages/lti-registered', {
      title: 'Agora is registered',
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
