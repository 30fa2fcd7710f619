import { createHmac } from 'node:crypto';
import type { TestAgora } from '../support/agora';
import { startWithPlatform, type PlatformFixture } from '../support/course-fixture';
import { countRows } from '../support/db';
import { launch, newBrowser, postLaunch, startLogin } from '../support/launch';
import { LTI, ROLE, TestPlatform } from '../support/test-platform';

/**
 * The launch refusals that matter beyond the certification cases. Each one must answer 4xx with a
 * sentence, and must leave no course, person, membership or session behind.
 */
describe('launch security', () => {
  let fixture: PlatformFixture;
  let agora: TestAgora;
  let platform: TestPlatform;

  beforeAll(async () => {
    fixture = await startWithPlatform();
    ({ agora, platform } = fixture);
  });
  afterAll(() => fixture.close());

  const learner = () => platform.claims({ sub: 'learner-1', roles: [ROLE.learner] });
  /** Signs a learner launch answering this login, with any claim overridden. */
  const answer = (login: { nonce: string; redirectUri: string }, overrides: Record<string, unknown> = {}) =>
    platform.sign({ ...learner(), nonce: login.nonce, [LTI.targetLinkUri]: login.redirectUri, ...overrides });

  async function expectRefusal(response: { status: number; text: string }, message: RegExp, before: Record<string, number>) {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.text).toMatch(message);
    expect(countRows(agora.dataDir)).toEqual(before);
  }

  it('accepts a well-formed launch (the baseline the refusals below differ from)', async () => {
    const response = await launch(newBrowser(agora.url), platform, agora.url, learner());
    expect(response.status).toBe(303);
  });

  it('refuses a replayed launch: the same token and state posted again', async () => {
    const browser = newBrowser(agora.url);
    const login = await startLogin(browser, platform, agora.url);
    const token = answer(login);
    expect((await postLaunch(browser, token, login.state)).status).toBe(303);
    const before = countRows(agora.dataDir);
    await expectRefusal(await postLaunch(browser, token, login.state), /expired or was already used/, before);
  });

  it('refuses a token whose nonce Agora did not issue for this login', async () => {
    const before = countRows(agora.dataDir);
    const browser = newBrowser(agora.url);
    const login = await startLogin(browser, platform, agora.url);
    const token = answer(login, { nonce: 'a-nonce-from-somewhere-else' });
    await expectRefusal(await postLaunch(browser, token, login.state), /nonce is not the one Agora issued/, before);
  });

  it('refuses a state Agora never issued', async () => {
    const before = countRows(agora.dataDir);
    const browser = newBrowser(agora.url);
    const token = platform.sign({ ...learner(), nonce: 'n' });
    await expectRefusal(await postLaunch(browser, token, 'made-up-state'), /expired or was already used/, before);
  });

  it('refuses a launch finished in another browser than the one that started it (state bound by cookie)', async () => {
    const before = countRows(agora.dataDir);
    const starter = newBrowser(agora.url);
    const login = await startLogin(starter, platform, agora.url);
    const token = answer(login);
    const other = newBrowser(agora.url);
    await expectRefusal(await postLaunch(other, token, login.state), /did not send back the cookie/, before);
  });

  it('refuses a login for a deployment nobody registered', async () => {
    const before = countRows(agora.dataDir);
    const response = await newBrowser(agora.url).get('/lti/login').query({
      iss: platform.issuer, login_hint: 'x', target_link_uri: `${agora.url}/lti/launch`, client_id: platform.clientId, lti_deployment_id: 'rogue',
    });
    await expectRefusal(response, /Deployment rogue of .* is not allowed to launch Agora/, before);
    expect(response.status).toBe(403);
  });

  it('refuses a token naming a deployment nobody registered, even when the login did not name one', async () => {
    const before = countRows(agora.dataDir);
    const browser = newBrowser(agora.url);
    const login = await startLogin(browser, platform, agora.url, { lti_deployment_id: undefined as unknown as string });
    const token = answer(login, { [LTI.deploymentId]: 'rogue' });
    await expectRefusal(await postLaunch(browser, token, login.state), /Deployment rogue/, before);
  });

  it('refuses an expired token', async () => {
    const before = countRows(agora.dataDir);
    const now = Math.floor(Date.now() / 1000);
    const response = await launch(newBrowser(agora.url), platform, agora.url, { ...learner(), iat: now - 600, exp: now - 300 });
    await expectRefusal(response, /This launch has expired/, before);
  });

  it('refuses a token issued too long ago even if its expiry is far away', async () => {
    const before = countRows(agora.dataDir);
    const now = Math.floor(Date.now() / 1000);
    const response = await launch(newBrowser(agora.url), platform, agora.url, { ...learner(), iat: now - 600, exp: now + 3600 });
    await expectRefusal(response, /This launch has expired/, before);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const before = countRows(agora.dataDir);
    const response = await launch(newBrowser(agora.url), platform, agora.url, learner(), { alg: 'none', kid: platform.kid });
    await expectRefusal(response, /RS256/, before);
  });

  it('refuses an HS256 token signed with the platform public key as the secret (key confusion)', async () => {
    const before = countRows(agora.dataDir);
    const browser = newBrowser(agora.url);
    const login = await startLogin(browser, platform, agora.url);
    const jwks = (await (await fetch(platform.jwksUrl)).json()) as { keys: Array<Record<string, string>> };
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${encode({ alg: 'HS256', kid: platform.kid })}.${encode({ ...learner(), nonce: login.nonce, [LTI.targetLinkUri]: login.redirectUri })}`;
    const forged = `${input}.${createHmac('sha256', JSON.stringify(jwks.keys[0])).update(input).digest('base64url')}`;
    await expectRefusal(await postLaunch(browser, forged, login.state), /RS256/, before);
  });

  it('refuses a token signed by a key the platform does not publish', async () => {
    const before = countRows(agora.dataDir);
    const impostor = await TestPlatform.start({ issuer: platform.issuer, clientId: platform.clientId, kid: platform.kid });
    try {
      const browser = newBrowser(agora.url);
      const login = await startLogin(browser, platform, agora.url);
      const token = impostor.sign({ ...learner(), nonce: login.nonce, [LTI.targetLinkUri]: login.redirectUri });
      await expectRefusal(await postLaunch(browser, token, login.state), /not signed by a key your LMS publishes/, before);
    } finally {
      await impostor.close();
    }
  });

  it('refuses a token also addressed to other audiences', async () => {
    const before = countRows(agora.dataDir);
    const response = await launch(newBrowser(agora.url), platform, agora.url, { ...learner(), aud: [platform.clientId, 'someone-else'], azp: platform.clientId });
    await expectRefusal(response, /other, untrusted audiences/, before);
  });

  it('refuses a token authorised for another tool (azp)', async () => {
    const before = countRows(agora.dataDir);
    const response = await launch(newBrowser(agora.url), platform, agora.url, { ...learner(), aud: [platform.clientId], azp: 'another-tool' });
    await expectRefusal(response, /authorised for another tool/, before);
  });

  it('refuses a login from an LMS nobody registered, and says how to register it', async () => {
    const response = await newBrowser(agora.url).get('/lti/login').query({ iss: 'https://unknown.example', login_hint: 'x', target_link_uri: `${agora.url}/lti/launch` });
    expect(response.status).toBe(400);
    expect(response.text).toContain('npm run platform -- add --issuer https://unknown.example');
  });

  it('refuses a login that would launch somewhere other than Agora', async () => {
    const response = await newBrowser(agora.url).get('/lti/login').query({ iss: platform.issuer, login_hint: 'x', target_link_uri: 'https://evil.example/lti/launch', client_id: platform.clientId });
    expect(response.status).toBe(400);
    expect(response.text).toContain('not one of Agora&#x27;s launch URLs');
  });

  it('refuses a login with missing parameters with a sentence, as JSON when asked', async () => {
    const response = await newBrowser(agora.url).get('/lti/login').set('Accept', 'application/json').query({ iss: platform.issuer });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ ok: false, error: { code: 'LTI_LOGIN_INVALID', message: expect.stringMatching(/login_hint/) } });
  });

  it('shows what the LMS said when it refused the login', async () => {
    const response = await newBrowser(agora.url).post('/lti/launch').type('form').send({ error: 'login_required', error_description: 'Please sign in', state: 's' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('login_required: Please sign in');
  });

  it('sets the state cookie HttpOnly and signed, and redirects with a random state and nonce', async () => {
    const response = await newBrowser(agora.url).get('/lti/login').query({ iss: platform.issuer, login_hint: 'x', target_link_uri: `${agora.url}/lti/launch`, client_id: platform.clientId });
    const location = new URL(response.headers.location!);
    expect(location.origin + location.pathname).toBe(platform.authUrl);
    expect(location.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(location.searchParams.get('redirect_uri')).toBe(`${agora.url}/lti/launch`);
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('state'))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(decodeURIComponent(cookie)).toMatch(/=s:/);
  });
});
