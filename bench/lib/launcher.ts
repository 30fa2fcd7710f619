/**
 * A person's full LTI 1.3 launch, the way a browser and an LMS do it: OIDC login initiation at
 * Agora, the platform signing an id_token with Agora's nonce, the form post to the launch URL, and
 * the course home Agora redirects to. Each step is timed.
 */
import type http from 'node:http';
import { ROLE, TestPlatform, LTI } from '../../tests/support/test-platform';
import { CookieJar, httpRequest } from './http';

export interface LaunchedPerson {
  sub: string;
  cookie: string;
  csrf: string;
  courseId: string;
}

export interface LaunchTimings {
  loginMs: number;
  signMs: number;
  launchMs: number;
  homeMs: number;
  totalMs: number;
}

export interface LaunchRequest {
  sub: string;
  name: string;
  instructor?: boolean;
  contextId: string;
  contextTitle: string;
}

const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export async function launchPerson(agoraUrl: string, platform: TestPlatform, person: LaunchRequest, agent?: http.Agent): Promise<{ person: LaunchedPerson; timings: LaunchTimings }> {
  const jar = new CookieJar();
  const t0 = process.hrtime.bigint();
  const query = new URLSearchParams({
    iss: platform.issuer,
    login_hint: person.sub,
    target_link_uri: `${agoraUrl}/lti/launch`,
    client_id: platform.clientId,
    lti_deployment_id: platform.deploymentId,
  });
  const login = await httpRequest(`${agoraUrl}/lti/login?${query}`, { agent });
  if (login.status !== 302) throw new Error(`login answered ${login.status}: ${pageMessage(login.body)}`);
  jar.store(login.headers['set-cookie']);
  const location = new URL(String(login.headers.location));
  const loginMs = since(t0);

  const t1 = process.hrtime.bigint();
  const claims = platform.claims({
    sub: person.sub,
    name: person.name,
    roles: [person.instructor ? ROLE.instructor : ROLE.learner],
    contextId: person.contextId,
    contextTitle: person.contextTitle,
  });
  const idToken = platform.sign({ ...claims, nonce: location.searchParams.get('nonce'), [LTI.targetLinkUri]: location.searchParams.get('redirect_uri') });
  const signMs = since(t1);

  const t2 = process.hrtime.bigint();
  const launch = await httpRequest(`${agoraUrl}/lti/launch`, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ id_token: idToken, state: location.searchParams.get('state') ?? '' }).toString(),
  });
  if (launch.status !== 303) throw new Error(`launch answered ${launch.status}: ${pageMessage(launch.body)}`);
  jar.store(launch.headers['set-cookie']);
  const home = String(launch.headers.location);
  const match = /^\/c\/([^/]+)$/.exec(home);
  if (!match) throw new Error(`launch redirected to ${home}`);
  const launchMs = since(t2);

  const t3 = process.hrtime.bigint();
  const page = await httpRequest(`${agoraUrl}${home}`, { agent, headers: { cookie: jar.header() } });
  if (page.status !== 200) throw new Error(`course home answered ${page.status}`);
  const csrf = /data-csrf="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('no CSRF token on the course home');
  const homeMs = since(t3);

  return {
    person: { sub: person.sub, cookie: jar.header(), csrf, courseId: match[1]! },
    timings: { loginMs, signMs, launchMs, homeMs, totalMs: since(t0) },
  };
}

/** The sentence of an error page (or the start of any other body). */
function pageMessage(body: string): string {
  const text = body.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  const at = text.indexOf('Something is not right');
  return (at >= 0 ? text.slice(at) : text).slice(0, 400);
}
