/**
 * The LTI Advantage half of the test LMS (tests/support/test-platform.ts), on the same real local
 * port: an OAuth token endpoint (client_credentials with a JWT client assertion, checked against
 * Agora's own published keys), a Names and Roles service that pages with Link headers, a deep
 * linking return endpoint that verifies Agora's signed response, and the OpenID configuration and
 * registration endpoints of LTI Dynamic Registration. Everything it checks, it checks the way a
 * strict LMS would; every request it refuses says why in its JSON.
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import type http from 'node:http';

export interface NrpsMember {
  user_id: string;
  roles: string[];
  status?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  email?: string;
}

/** What the services need from the platform they belong to. */
export interface PlatformIdentity {
  readonly url: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
}

export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
export const NRPS_MEDIA_TYPE = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';

type Json = Record<string, unknown>;

export class PlatformServices {
  /** Agora's JWKS URL, where client assertions and deep linking responses are checked. Set by the test. */
  toolJwksUrl: string | null = null;
  /** Members per NRPS page (the `limit` query parameter may lower it). */
  pageSize = 2;
  /** When set, the NRPS endpoint answers this status instead of the roster. */
  rosterFailure: number | null = null;
  readonly rosters = new Map<string, NrpsMember[]>();
  readonly tokenRequests: Json[] = [];
  readonly rosterPageRequests: string[] = [];
  readonly deepLinkResponses: Json[] = [];
  readonly registrations: Json[] = [];
  /** The token the LMS hands the tool for dynamic registration; both endpoints demand it as Bearer. */
  registrationToken = randomBytes(12).toString('hex');
  /** What the registration endpoint answers as the new client id and deployment id. */
  registeredClientId = 'dynamic-client-1';
  registeredDeploymentId: string | null = 'dynamic-deployment-1';
  productFamily = 'moodle';
  private readonly accessTokens = new Map<string, { scopes: string[]; expiresAt: number }>();
  private readonly seenJti = new Set<string>();

  constructor(private readonly platform: PlatformIdentity) {}

  get tokenUrl(): string { return `${this.platform.url}/token`; }
  get deepLinkReturnUrl(): string { return `${this.platform.url}/deep-link-return`; }
  get openIdConfigurationUrl(): string { return `${this.platform.url}/.well-known/openid-configuration`; }
  membershipsUrl(contextId: string): string { return `${this.platform.url}/nrps/${encodeURIComponent(contextId)}/memberships`; }

  /** The scopes of the live access token a request carries as Bearer, or null (other services check theirs with it). */
  scopesOf(req: http.IncomingMessage): string[] | null {
    const token = this.accessTokens.get(bearer(req) ?? '');
    return token && token.expiresAt >= Date.now() ? token.scopes : null;
  }

  /** Every access token issued so far stops working (an LMS revoking them, or restarting). */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  setRoster(contextId: string, members: NrpsMember[]): void {
    this.rosters.set(contextId, members);
  }

  /** Claims a launch carries when this platform offers NRPS for the context. */
  namesRolesClaim(contextId: string): Json {
    return { 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: this.membershipsUrl(contextId), service_versions: ['2.0'] } };
  }

  /** Claims of a deep linking request whose answer comes back to this platform. */
  deepLinkingClaims(overrides: Json = {}): Json {
    return {
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingRequest',
      'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings': {
        deep_link_return_url: this.deepLinkReturnUrl,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window'],
        accept_multiple: false,
        data: 'opaque-platform-data',
        ...overrides,
      },
    };
  }

  /** Handles the request when it is one of these services; false otherwise. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === '/token' && req.method === 'POST') return this.token(await readForm(req), res);
    const nrps = /^\/nrps\/([^/]+)\/memberships$/.exec(url.pathname);
    if (nrps && req.method === 'GET') return this.memberships(decodeURIComponent(nrps[1]!), url, req, res);
    if (url.pathname === '/deep-link-return' && req.method === 'POST') return this.deepLinkReturn(await readForm(req), res);
    if (url.pathname === '/.well-known/openid-configuration' && req.method === 'GET') return this.openIdConfiguration(req, res);
    if (url.pathname === '/register' && req.method === 'POST') return this.register(req, res);
    return false;
  }

  private async token(form: Record<string, string>, res: http.ServerResponse): Promise<boolean> {
    this.tokenRequests.push(form);
    const problems: string[] = [];
    if (form.grant_type !== 'client_credentials') problems.push('grant_type');
    if (form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') problems.push('client_assertion_type');
    const assertion = await this.verifyToolJwt(form.client_assertion ?? '');
    if (!assertion) problems.push('client_assertion signature');
    else {
      if (assertion.iss !== this.platform.clientId || assertion.sub !== this.platform.clientId) problems.push('iss/sub');
      if (assertion.aud !== this.tokenUrl && !(Array.isArray(assertion.aud) && assertion.aud.includes(this.tokenUrl))) problems.push('aud');
      if (typeof assertion.jti !== 'string' || this.seenJti.has(assertion.jti)) problems.push('jti');
      else this.seenJti.add(assertion.jti);
    }
    if (problems.length > 0) {
      json(res, 401, { error: 'invalid_client', problems });
      return true;
    }
    const scopes = (form.scope ?? '').split(' ').filter(Boolean);
    const accessToken = randomBytes(16).toString('hex');
    this.accessTokens.set(accessToken, { scopes, expiresAt: Date.now() + 3600_000 });
    json(res, 200, { access_token: accessToken, token_type: 'bearer', expires_in: 3600, scope: scopes.join(' ') });
    return true;
  }

  private memberships(contextId: string, url: URL, req: http.IncomingMessage, res: http.ServerResponse): boolean {
    this.rosterPageRequests.push(url.toString());
    const token = this.accessTokens.get(bearer(req) ?? '');
    if (!token || token.expiresAt < Date.now() || !token.scopes.includes(NRPS_SCOPE)) {
      json(res, 401, { error: 'invalid_token' });
      return true;
    }
    if (req.headers.accept !== NRPS_MEDIA_TYPE) {
      json(res, 406, { error: `Accept must be ${NRPS_MEDIA_TYPE}` });
      return true;
    }
    if (this.rosterFailure) {
      json(res, this.rosterFailure, { error: 'roster unavailable' });
      return true;
    }
    const members = this.rosters.get(contextId) ?? [];
    const limit = Math.min(this.pageSize, Number(url.searchParams.get('limit') ?? this.pageSize));
    const page = Number(url.searchParams.get('page') ?? '0');
    const slice = members.slice(page * limit, (page + 1) * limit);
    const headers: Record<string, string> = { 'content-type': NRPS_MEDIA_TYPE };
    if ((page + 1) * limit < members.length) {
      const next = new URL(url.pathname, this.platform.url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    res.writeHead(200, headers).end(JSON.stringify({
      id: url.toString(),
      context: { id: contextId, title: 'Biology 101' },
      members: slice,
    }));
    return true;
  }

  private async deepLinkReturn(form: Record<string, string>, res: http.ServerResponse): Promise<boolean> {
    const payload = await this.verifyToolJwt(form.JWT ?? '');
    const problems: string[] = [];
    if (!payload) problems.push('signature');
    else {
      if (payload.iss !== this.platform.clientId) problems.push('iss');
      if (payload.aud !== this.platform.issuer) problems.push('aud');
      if (payload['https://purl.imsglobal.org/spec/lti/claim/message_type'] !== 'LtiDeepLinkingResponse') problems.push('message_type');
      if (payload['https://purl.imsglobal.org/spec/lti/claim/version'] !== '1.3.0') problems.push('version');
      if (payload['https://purl.imsglobal.org/spec/lti/claim/deployment_id'] !== this.platform.deploymentId) problems.push('deployment_id');
      if (typeof payload.nonce !== 'string' || typeof payload.iat !== 'number' || typeof payload.exp !== 'number') problems.push('nonce/iat/exp');
      if (!Array.isArray(payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'])) problems.push('content_items');
    }
    if (problems.length > 0) {
      json(res, 400, { error: 'invalid deep linking response', problems });
      return true;
    }
    this.deepLinkResponses.push(payload!);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Link added</title><p>Link added to the course.</p>');
    return true;
  }

  private openIdConfiguration(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (bearer(req) !== this.registrationToken) {
      json(res, 401, { error: 'a registration token is required as a Bearer header' });
      return true;
    }
    json(res, 200, {
      issuer: this.platform.issuer,
      authorization_endpoint: `${this.platform.url}/auth`,
      token_endpoint: this.tokenUrl,
      jwks_uri: `${this.platform.url}/jwks`,
      registration_endpoint: `${this.platform.url}/register`,
      scopes_supported: ['openid', NRPS_SCOPE, 'https://purl.imsglobal.org/spec/lti-ags/scope/score'],
      response_types_supported: ['id_token'],
      id_token_signing_alg_values_supported: ['RS256'],
      'https://purl.imsglobal.org/spec/lti-platform-configuration': {
        product_family_code: this.productFamily,
        version: '1.0',
        messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
      },
    });
    return true;
  }

  private async register(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    if (bearer(req) !== this.registrationToken) {
      json(res, 401, { error: 'a registration token is required as a Bearer header' });
      return true;
    }
    const body = JSON.parse(await readBody(req)) as Json;
    this.registrations.push(body);
    const tool = body['https://purl.imsglobal.org/spec/lti-tool-configuration'] as Json | undefined;
    const problems = [
      body.application_type !== 'web' && 'application_type',
      body.token_endpoint_auth_method !== 'private_key_jwt' && 'token_endpoint_auth_method',
      !Array.isArray(body.redirect_uris) && 'redirect_uris',
      typeof body.initiate_login_uri !== 'string' && 'initiate_login_uri',
      typeof body.jwks_uri !== 'string' && 'jwks_uri',
      (!tool || typeof tool.target_link_uri !== 'string' || typeof tool.domain !== 'string') && 'lti-tool-configuration',
    ].filter(Boolean);
    if (problems.length > 0) {
      json(res, 400, { error: 'invalid_client_metadata', problems });
      return true;
    }
    json(res, 200, {
      ...body,
      client_id: this.registeredClientId,
      'https://purl.imsglobal.org/spec/lti-tool-configuration': {
        ...tool,
        ...(this.registeredDeploymentId ? { deployment_id: this.registeredDeploymentId } : {}),
      },
    });
    return true;
  }

  /** Verifies an RS256 JWT against Agora's published keys; its payload, or null. */
  private async verifyToolJwt(token: string): Promise<Json | null> {
    if (!this.toolJwksUrl) throw new Error('set platform.services.toolJwksUrl to Agora\'s /lti/keys first');
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return null;
    const { alg, kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string; kid?: string };
    if (alg !== 'RS256') return null;
    const jwks = (await (await fetch(this.toolJwksUrl)).json()) as { keys: Array<Json & { kid: string }> };
    const jwk = jwks.keys.find((key) => key.kid === kid);
    if (!jwk) return null;
    const ok = verify('sha256', Buffer.from(`${header}.${payload}`), createPublicKey({ key: jwk as never, format: 'jwk' }), Buffer.from(signature, 'base64url'));
    if (!ok) return null;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json;
    return typeof claims.exp === 'number' && claims.exp > Date.now() / 1000 ? claims : null;
  }
}

function bearer(req: http.IncomingMessage): string | null {
  const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
  return match ? match[1]! : null;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function readForm(req: http.IncomingMessage): Promise<Record<string, string>> {
  return Object.fromEntries(new URLSearchParams(await readBody(req)));
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
