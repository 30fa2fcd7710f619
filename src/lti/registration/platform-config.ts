import { z } from 'zod';
import { badRequest } from '../../domain/errors';
import { readJson, ServiceError } from '../services/http';

/**
 * The LMS's OpenID configuration (LTI Dynamic Registration 1.0, section 3.4): where its endpoints
 * are and what it supports. Fetched with the registration token as a Bearer header (Canvas answers
 * 401 without it; ltijs does not send it).
 */
const Url = z.string().url();

export const PlatformConfiguration = z.looseObject({
  issuer: Url,
  authorization_endpoint: Url,
  token_endpoint: Url,
  jwks_uri: Url,
  registration_endpoint: Url,
  authorization_server: z.string().optional(),
  scopes_supported: z.array(z.string()).optional(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
  'https://purl.imsglobal.org/spec/lti-platform-configuration': z.looseObject({
    product_family_code: z.string().optional(),
    version: z.string().optional(),
    messages_supported: z.array(z.looseObject({ type: z.string(), placements: z.array(z.string()).optional() })).optional(),
  }).optional(),
});
export type PlatformConfiguration = z.infer<typeof PlatformConfiguration>;

export const PLATFORM_CONFIG = 'https://purl.imsglobal.org/spec/lti-platform-configuration';

export async function fetchPlatformConfiguration(configurationUrl: string, registrationToken: string | null): Promise<PlatformConfiguration> {
  let answer;
  try {
    answer = await readJson(configurationUrl, {
      headers: { accept: 'application/json', ...(registrationToken ? { authorization: `Bearer ${registrationToken}` } : {}) },
    }, 'openidConfiguration');
  } catch (error) {
    if (error instanceof ServiceError && (error.status === 401 || error.status === 403)) {
      throw badRequest('REGISTRATION_TOKEN_REFUSED', 'errors.registrationConfigRefused', { url: configurationUrl, status: String(error.status) });
    }
    if (error instanceof ServiceError) throw badRequest('REGISTRATION_CONFIG_UNREADABLE', 'errors.registrationConfigUnreadable', { problem: error.toMessage() });
    throw error;
  }
  const config = PlatformConfiguration.safeParse(answer.body);
  if (!config.success) {
    const issue = config.error.issues[0]!;
    throw badRequest('REGISTRATION_CONFIG_INVALID', 'errors.registrationConfigInvalid', { field: issue.path.join('.') });
  }
  checkIssuer(config.data, configurationUrl);
  if (config.data.id_token_signing_alg_values_supported && !config.data.id_token_signing_alg_values_supported.includes('RS256')) {
    throw badRequest('REGISTRATION_ALG_UNSUPPORTED', 'errors.registrationAlgUnsupported');
  }
  return config.data;
}

/**
 * The configuration must come from the issuer it names: same scheme, host and port, and the
 * configuration URL's path starts with the issuer's path. Otherwise a configuration served by one
 * site could claim to be another LMS (LTI Dynamic Registration 1.0, section 3.5.1).
 */
export function checkIssuer(config: Pick<PlatformConfiguration, 'issuer'>, configurationUrl: string): void {
  const issuer = new URL(config.issuer);
  const source = new URL(configurationUrl);
  const issuerPath = issuer.pathname.replace(/\/+$/, '');
  const prefixOk = source.pathname === issuerPath || source.pathname.startsWith(`${issuerPath}/`);
  if (issuer.origin !== source.origin || !prefixOk || issuer.search || issuer.hash) {
    throw badRequest(
      'REGISTRATION_ISSUER_MISMATCH',
      'errors.registrationIssuerMismatch', { url: configurationUrl, issuer: config.issuer },
    );
  }
}
