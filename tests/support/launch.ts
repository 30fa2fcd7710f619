import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Claims, TestPlatform } from './test-platform';
import { LTI } from './test-platform';

export type Browser = TestAgent;

/** A browser of its own: a supertest agent that keeps its cookies, like one person's browser. */
export function newBrowser(agoraUrl: string): Browser {
  return request.agent(agoraUrl);
}

export interface LoginStep {
  state: string;
  nonce: string;
  redirectUri: string;
}

/** Leg 1: the LMS sends the browser to Agora's login URL; Agora answers with a redirect to the LMS. */
export async function startLogin(browser: Browser, platform: TestPlatform, agoraUrl: string, overrides: Record<string, string> = {}): Promise<LoginStep> {
  const response = await browser.get('/lti/login').query({
    iss: platform.issuer,
    login_hint: 'hint',
    target_link_uri: `${agoraUrl}/lti/launch`,
    client_id: platform.clientId,
    lti_deployment_id: platform.deploymentId,
    ...overrides,
  });
  if (response.status !== 302) throw new Error(`login answered ${response.status}: ${response.text.slice(0, 300)}`);
  const location = new URL(response.headers.location!);
  return {
    state: location.searchParams.get('state')!,
    nonce: location.searchParams.get('nonce')!,
    redirectUri: location.searchParams.get('redirect_uri')!,
  };
}

/** Leg 2: the LMS posts the signed id_token back to Agora's launch URL. */
export function postLaunch(browser: Browser, idToken: string, state: string, path = '/lti/launch') {
  return browser.post(path).type('form').send({ id_token: idToken, state });
}

/**
 * The whole OIDC login → launch path for these claims: Agora's nonce and the launch URL are put
 * into the token, as a real platform does; everything else is signed exactly as given.
 */
export async function launch(browser: Browser, platform: TestPlatform, agoraUrl: string, claims: Claims, header?: Claims) {
  const login = await startLogin(browser, platform, agoraUrl, { lti_deployment_id: String(claims[LTI.deploymentId] ?? platform.deploymentId) });
  const idToken = platform.sign({ ...claims, nonce: login.nonce, [LTI.targetLinkUri]: login.redirectUri }, header);
  return postLaunch(browser, idToken, login.state);
}

/** Launches and follows Agora's redirect to the course home; returns the course id. */
export async function launchIntoCourse(browser: Browser, platform: TestPlatform, agoraUrl: string, claims: Claims): Promise<string> {
  const response = await launch(browser, platform, agoraUrl, claims);
  if (response.status !== 303) throw new Error(`launch answered ${response.status}: ${response.text.slice(0, 500)}`);
  const match = /^\/c\/([^/]+)$/.exec(response.headers.location!);
  if (!match) throw new Error(`launch redirected to ${response.headers.location}`);
  return match[1]!;
}

/** The session cookie a browser holds, as a Cookie header for a socket.io client. */
export function cookieHeader(browser: Browser, agoraUrl: string): string {
  const jar = (browser as unknown as { jar: { getCookies(access: unknown): Array<{ name: string; value: string }> } }).jar;
  const { CookieAccessInfo } = require('cookiejar') as { CookieAccessInfo: new (domain: string, path: string, secure: boolean, script: boolean) => unknown };
  const host = new URL(agoraUrl).hostname;
  return jar.getCookies(new CookieAccessInfo(host, '/', false, false)).map((c) => `${c.name}=${c.value}`).join('; ');
}

/** The CSRF token the page gave this browser. */
export async function csrfToken(browser: Browser, path: string): Promise<string> {
  const page = await browser.get(path);
  const match = /data-csrf="([^"]+)"/.exec(page.text);
  if (!match) throw new Error(`no CSRF token on ${path} (status ${page.status})`);
  return match[1]!;
}
