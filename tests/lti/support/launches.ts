import { csrfToken, postLaunch, startLogin, type Browser } from '../../support/launch';
import { LTI, type Claims, type TestPlatform } from '../../support/test-platform';

/**
 * A launch of a particular link: the LMS starts the login with the link's URL as target_link_uri
 * and signs that same URL into the token, as Moodle and Canvas do for a deep-linked item.
 */
export async function launchLink(browser: Browser, platform: TestPlatform, agoraUrl: string, claims: Claims, targetLinkUri: string) {
  const login = await startLogin(browser, platform, agoraUrl, {
    target_link_uri: targetLinkUri,
    lti_deployment_id: String(claims[LTI.deploymentId] ?? platform.deploymentId),
  });
  const token = platform.sign({ ...claims, nonce: login.nonce, [LTI.targetLinkUri]: targetLinkUri });
  return postLaunch(browser, token, login.state, new URL(login.redirectUri).pathname);
}

/** Starts a thread through the discussion room's JSON API, as the signed-in person; returns its id. */
export async function startThread(browser: Browser, courseId: string, title: string): Promise<string> {
  const token = await csrfToken(browser, `/c/${courseId}/discussion`);
  const created = await browser.post(`/api/courses/${courseId}/threads`).set('X-CSRF-Token', token).send({ title, body: `About ${title}.` });
  if (created.status !== 201) throw new Error(`could not start a thread: ${created.status} ${created.text.slice(0, 300)}`);
  return (created.body as { data: { thread: { id: string } } }).data.thread.id;
}

/** The value of a hidden form field or data attribute in a page. */
export function field(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html) ?? new RegExp(`data-${name}="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no ${name} in the page`);
  return decodeEntities(match[1]!);
}

export function decodeEntities(value: string): string {
  return value.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function decodeJwtPayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}
