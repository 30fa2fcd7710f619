/**
 * A small LMS of our own, on a real local HTTP port: it publishes a JWKS, answers the OIDC
 * authorisation request Agora redirects to, signs id_tokens, and serves a course page that embeds
 * Agora in an iframe (for the browser test). Nothing is stubbed inside Agora: it fetches this
 * platform's keys over HTTP exactly as it would Moodle's or Canvas's. Its LTI Advantage endpoints
 * (token, Names and Roles with paging, deep linking return, dynamic registration) are in
 * lti-platform-services.ts, reached through `platform.services`; Assignment and Grade Services
 * (line items with paging, scores) are in lti-platform-grades.ts, through `platform.grades`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlatformServices } from './lti-platform-services';
import { PlatformGrades } from './lti-platform-grades';

export interface TestPlatformOptions {
  /** Defaults to the platform's own URL. */
  issuer?: string;
  clientId?: string;
  deploymentId?: string;
  /** PEM private key to sign with (e.g. the certification key); a fresh 2048-bit key otherwise. */
  privateKeyPem?: string;
  kid?: string;
  /** The host name in the platform's URLs (it always listens on 127.0.0.1); 'localhost' makes it another site than Agora. */
  hostname?: string;
}

export type Claims = Record<string, unknown>;

export const LTI = {
  messageType: 'https://purl.imsglobal.org/spec/lti/claim/message_type',
  version: 'https://purl.imsglobal.org/spec/lti/claim/version',
  deploymentId: 'https://purl.imsglobal.org/spec/lti/claim/deployment_id',
  targetLinkUri: 'https://purl.imsglobal.org/spec/lti/claim/target_link_uri',
  roles: 'https://purl.imsglobal.org/spec/lti/claim/roles',
  context: 'https://purl.imsglobal.org/spec/lti/claim/context',
  resourceLink: 'https://purl.imsglobal.org/spec/lti/claim/resource_link',
  launchPresentation: 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation',
} as const;

export const ROLE = {
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  teachingAssistant: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
  institutionInstructor: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor',
  institutionAdmin: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
} as const;

export class TestPlatform {
  readonly url: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly deploymentId: string;
  /** The key id it signs with now; rotateKey() changes it. */
  kid: string;
  private privateKey: KeyObject;
  /** Keys it signed with before a rotation, still published. */
  private readonly retiredKeys: Array<{ kid: string; key: KeyObject }> = [];
  /** How many times its JWKS was fetched. */
  jwksRequests = 0;
  /** Token, Names and Roles, deep linking return and dynamic registration endpoints. */
  readonly services: PlatformServices;
  /** Assignment and Grade Services: line items (paged) and scores, checked against the services' tokens. */
  readonly grades: PlatformGrades;
  /** Claims the authorisation endpoint signs for each login_hint (the browser test's users). */
  private readonly users = new Map<string, Claims>();

  private constructor(private readonly server: http.Server, options: Required<Omit<TestPlatformOptions, 'privateKeyPem'>> & { privateKey: KeyObject }) {
    const address = server.address() as AddressInfo;
    this.url = `http://${options.hostname}:${address.port}`;
    this.issuer = options.issuer || this.url;
    this.clientId = options.clientId;
    this.deploymentId = options.deploymentId;
    this.kid = options.kid;
    this.privateKey = options.privateKey;
    this.services = new PlatformServices(this);
    this.grades = new PlatformGrades(this, this.services);
  }

  static async start(options: TestPlatformOptions = {}): Promise<TestPlatform> {
    const privateKey = options.privateKeyPem
      ? createPrivateKey(options.privateKeyPem)
      : generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const holder: { platform?: TestPlatform } = {};
    const server = http.createServer((req, res) => holder.platform!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const platform = new TestPlatform(server, {
      issuer: options.issuer ?? '',
      clientId: options.clientId ?? 'agora-test-client',
      deploymentId: options.deploymentId ?? 'deployment-1',
      kid: options.kid ?? 'test-platform-key',
      hostname: options.hostname ?? '127.0.0.1',
      privateKey,
    });
    holder.platform = platform;
    return platform;
  }

  get authUrl(): string { return `${this.url}/auth`; }
  get tokenUrl(): string { return `${this.url}/token`; }
  get jwksUrl(): string { return `${this.url}/jwks`; }

  /** What `npm run platform -- add` would be given for this platform. */
  registration(deploymentIds: string[] = [this.deploymentId]) {
    return { issuer: this.issuer, clientId: this.clientId, name: 'Test LMS', authUrl: this.authUrl, tokenUrl: this.tokenUrl, jwksUrl: this.jwksUrl, deploymentIds };
  }

  /** Signs a JWT with the platform key. `header` replaces the default {alg: RS256, kid} entirely. */
  sign(payload: Claims, header: Claims = { alg: 'RS256', typ: 'JWT', kid: this.kid }): string {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${encode(header)}.${encode(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), this.privateKey).toString('base64url')}`;
  }

  /** A complete, valid resource-link launch for a person in a course; override any claim. `locale` goes in launch_presentation. */
  claims(options: { sub: string; roles: string[]; contextId?: string; contextTitle?: string; name?: string; locale?: string; extra?: Claims }): Claims {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: this.issuer,
      aud: this.clientId,
      sub: options.sub,
      iat: now,
      exp: now + 300,
      name: options.name ?? `Person ${options.sub}`,
      [LTI.messageType]: 'LtiResourceLinkRequest',
      [LTI.version]: '1.3.0',
      [LTI.deploymentId]: this.deploymentId,
      [LTI.roles]: options.roles,
      [LTI.context]: { id: options.contextId ?? 'course-1', title: options.contextTitle ?? 'Biology 101', label: 'BIO101' },
      [LTI.resourceLink]: { id: 'link-1', title: 'Agora' },
      ...(options.locale ? { [LTI.launchPresentation]: { locale: options.locale } } : {}),
      ...options.extra,
    };
  }

  /** Signs with a new key from now on, publishing it beside the old one, as an LMS rotating its keys does. */
  rotateKey(kid: string): void {
    this.retiredKeys.push({ kid: this.kid, key: this.privateKey });
    this.privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    this.kid = kid;
  }

  /** Registers who a login_hint stands for, for launches that go through the browser. */
  setUser(loginHint: string, claims: Claims): void {
    this.users.set(loginHint, claims);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    this.services.handle(req, res, url).then((handled) => handled || this.grades.handle(req, res, url)).then(
      (handled) => { if (!handled) this.handleLaunchParts(url, res); },
      (error: unknown) => json(res, 500, { error: String(error) }),
    );
  }

  private handleLaunchParts(url: URL, res: http.ServerResponse): void {
    if (url.pathname === '/jwks') {
      this.jwksRequests += 1;
      const publish = (kid: string, key: KeyObject) => ({ ...createPublicKey(key).export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' });
      json(res, 200, { keys: [publish(this.kid, this.privateKey), ...this.retiredKeys.map((old) => publish(old.kid, old.key))] });
      return;
    }
    if (url.pathname === '/auth') {
      this.authorize(url, res);
      return;
    }
    if (url.pathname.startsWith('/course/')) {
      this.coursePage(url, res);
      return;
    }
    if (url.pathname === '/launch-frame') {
      this.loginInitiation(url, res);
      return;
    }
    json(res, 404, { error: 'not found' });
  }

  /** OIDC authorisation endpoint: checks the request, then form-posts a signed id_token to redirect_uri. */
  private authorize(url: URL, res: http.ServerResponse): void {
    const q = Object.fromEntries(url.searchParams);
    const user = this.users.get(q.login_hint ?? '');
    const problems = [
      q.response_type !== 'id_token' && 'response_type',
      q.response_mode !== 'form_post' && 'response_mode',
      q.scope !== 'openid' && 'scope',
      q.client_id !== this.clientId && 'client_id',
      !q.nonce && 'nonce',
      !q.state && 'state',
      !user && 'login_hint',
    ].filter(Boolean);
    if (problems.length > 0) {
      json(res, 400, { error: 'invalid_request', problems });
      return;
    }
    const idToken = this.sign({ ...user, nonce: q.nonce, [LTI.targetLinkUri]: q.redirect_uri });
    html(res, `<!doctype html><title>Signing you in</title>
<form id="f" method="post" action="${escapeHtml(q.redirect_uri!)}">
<input type="hidden" name="id_token" value="${escapeHtml(idToken)}"><input type="hidden" name="state" value="${escapeHtml(q.state!)}">
<noscript><button>Continue</button></noscript></form><script>document.getElementById('f').submit()</script>`);
  }

  /**
   * The LMS course page: Agora inside an iframe, as Moodle and Canvas show it. With `storage=1` it
   * also offers LTI platform storage as Canvas does: it answers lti.put_data / lti.get_data
   * postMessages from the tool's origin, keeping the values for the tool's origin only.
   */
  private coursePage(url: URL, res: http.ServerResponse): void {
    const user = url.searchParams.get('user') ?? '';
    const tool = url.searchParams.get('tool') ?? '';
    const storage = url.searchParams.get('storage') === '1';
    const frame = `${this.url}/launch-frame?user=${encodeURIComponent(user)}&tool=${encodeURIComponent(tool)}${storage ? '&storage=1' : ''}`;
    const storageScript = storage ? `<script>
var stored = {}, toolOrigin = ${JSON.stringify(new URL(tool || 'http://invalid').origin)};
window.addEventListener('message', function (event) {
  var m = event.data;
  if (event.origin !== toolOrigin || !m || !m.subject) return;
  if (m.subject === 'lti.put_data') { stored[m.key] = m.value; event.source.postMessage({ subject: 'lti.put_data.response', message_id: m.message_id, key: m.key, value: m.value }, event.origin); }
  if (m.subject === 'lti.get_data') { event.source.postMessage(m.key in stored ? { subject: 'lti.get_data.response', message_id: m.message_id, key: m.key, value: stored[m.key] } : { subject: 'lti.get_data.response', message_id: m.message_id, key: m.key, error: { code: 'not_found', message: 'no such key' } }, event.origin); }
});
</script>` : '';
    html(res, `<!doctype html><title>Test LMS course</title><h1>Test LMS</h1>${storageScript}
<iframe id="tool" title="Agora" src="${escapeHtml(frame)}" style="width:360px;height:720px;border:1px solid #999"></iframe>`);
  }

  /** Third-party login initiation, posted from inside the iframe like an LMS does. */
  private loginInitiation(url: URL, res: http.ServerResponse): void {
    const tool = url.searchParams.get('tool') ?? '';
    const fields = {
      iss: this.issuer,
      login_hint: url.searchParams.get('user') ?? '',
      target_link_uri: `${tool}/lti/launch`,
      client_id: this.clientId,
      lti_deployment_id: this.deploymentId,
      lti_message_hint: 'hint',
      ...(url.searchParams.get('storage') === '1' ? { lti_storage_target: '_parent' } : {}),
    };
    const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`).join('');
    html(res, `<!doctype html><title>Launching</title><form id="f" method="post" action="${escapeHtml(tool)}/lti/login">${inputs}</form><script>document.getElementById('f').submit()</script>`);
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function html(res: http.ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
