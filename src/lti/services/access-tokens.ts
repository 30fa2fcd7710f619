import type { LtijsProvider } from 'ltijs';
import { z } from 'zod';
import { signRs256 } from '../jwt';
import { readJson, ServiceError } from './http';

/**
 * OAuth 2 access tokens for LTI services (client_credentials with a signed JWT client assertion,
 * as the LTI Security Framework requires). Done here rather than through ltijs, whose token request
 * has no timeout, a Math.random jti and no way to tell a refused request from a network failure.
 * ltijs still holds the key pair; tokens are kept in memory until shortly before they expire.
 */
const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().refine((type) => type.toLowerCase() === 'bearer', 'not a bearer token'),
  expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});

export interface ServiceToken {
  accessToken: string;
  expiresAt: number;
}

const EARLY_RENEWAL_MS = 30 * 1000;

export class ServiceTokens {
  private readonly cache = new Map<string, ServiceToken>();

  constructor(private readonly provider: LtijsProvider, private readonly now: () => Date = () => new Date()) {}

  /** A bearer token for these scopes at this platform, fetched or reused. */
  async token(issuer: string, clientId: string, scopes: string[]): Promise<string> {
    const key = JSON.stringify([issuer, clientId, [...scopes].sort()]);
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt - EARLY_RENEWAL_MS > this.now().getTime()) return cached.accessToken;

    const platform = await this.provider.getPlatform(issuer, clientId);
    if (!platform) throw new ServiceError('ltiServices.platformUnregistered', { issuer, clientId });
    const tokenUrl = await platform.platformAccessTokenEndpoint();
    const assertion = signRs256(
      { iss: clientId, sub: clientId, aud: await platform.platformAuthorizationServer() },
      await platform.platformPrivateKey(),
      await platform.platformKid(),
      { now: this.now(), lifetimeSeconds: 60 },
    );
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: scopes.join(' '),
    });
    const answer = await readJson(tokenUrl, { method: 'POST', body, headers: { accept: 'application/json' } }, 'tokenEndpoint');
    const parsed = TokenResponse.safeParse(answer.body);
    if (!parsed.success) throw new ServiceError('ltiServices.noAccessToken', { url: tokenUrl });
    const token = { accessToken: parsed.data.access_token, expiresAt: this.now().getTime() + (parsed.data.expires_in ?? 3600) * 1000 };
    this.cache.set(key, token);
    return token.accessToken;
  }

  /** Forgets a token the service refused, so the next call asks for a new one. */
  forget(issuer: string, clientId: string, scopes: string[]): void {
    this.cache.delete(JSON.stringify([issuer, clientId, [...scopes].sort()]));
  }
}
