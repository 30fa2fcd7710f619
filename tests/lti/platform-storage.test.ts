import type { TestAgora } from '../support/agora';
import { startWithPlatform, type PlatformFixture } from '../support/course-fixture';
import { countRows } from '../support/db';
import { newBrowser, postLaunch, startLogin, type Browser } from '../support/launch';
import { LTI, ROLE, type TestPlatform } from '../support/test-platform';
import { decodeEntities, field } from './support/launches';

/**
 * Launches when the browser drops Agora's cookies inside the LMS frame, over real HTTP. A fresh
 * supertest agent plays the browser that lost its cookie; what the page's script does is done
 * here by hand (tests/lti/browser-storage.test.ts runs the real script in Chromium).
 */
describe('launches without third-party cookies', () => {
  let fixture: PlatformFixture;
  let agora: TestAgora;
  let platform: TestPlatform;

  beforeAll(async () => {
    fixture = await startWithPlatform();
    ({ agora, platform } = fixture);
  });
  afterAll(() => fixture.close());

  const learner = () => platform.claims({ sub: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner] });

  /** Login with lti_storage_target, as Canvas sends it; returns the page and what it carries. */
  async function storageLogin(browser: Browser) {
    const response = await browser.get('/lti/login').query({
      iss: platform.issuer, login_hint: 'ada', target_link_uri: `${agora.url}/lti/launch`, client_id: platform.clientId,
      lti_deployment_id: platform.deploymentId, lti_storage_target: '_parent',
    });
    expect(response.status).toBe(200);
    const next = new URL(field(response.text, 'next'));
    return {
      response,
      value: field(response.text, 'value'),
      key: field(response.text, 'key'),
      state: next.searchParams.get('state')!,
      nonce: next.searchParams.get('nonce')!,
      next,
    };
  }

  /** What the launch page's script sends once it has read platform storage. */
  function complete(browser: Browser, body: Record<string, unknown>, origin = agora.url) {
    return browser.post('/lti/launch/storage').set('Origin', origin).set('Accept', 'application/json').send(body);
  }

  it('stores a value in the LMS\'s platform storage before going on to the LMS, with its script in a file', async () => {
    const { response, key, state, next } = await storageLogin(newBrowser(agora.url));
    expect(response.text).toContain('data-lti-storage="login"');
    expect(response.text).toContain('data-target="_parent"');
    expect(response.text).toContain(`data-origin="${platform.url}"`);
    expect(key).toBe(`agora_state_${state}`);
    expect(`${next.origin}${next.pathname}`).toBe(platform.authUrl);
    expect(response.text).toContain('<script src="/static/js/lti-storage.js" defer></script>');
    expect(response.text).not.toMatch(/<script>/);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    // The cookie is still set: where the browser keeps it, it is enough.
    expect(String(response.headers['set-cookie'])).toMatch(new RegExp(`state${state}=`));
  });

  it('answers a launch that lost its cookie with the page that reads platform storage back, and stores nothing yet', async () => {
    const login = await storageLogin(newBrowser(agora.url));
    const before = countRows(agora.dataDir);
    const cookieless = newBrowser(agora.url);
    const page = await postLaunch(cookieless, platform.sign({ ...learner(), nonce: login.nonce, [LTI.targetLinkUri]: `${agora.url}/lti/launch` }), login.state);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-lti-storage="launch"');
    expect(field(page.text, 'key')).toBe(login.key);
    expect(field(page.text, 'complete')).toBe('/lti/launch/storage');
    expect(page.text).toContain('src="/static/js/lti-storage.js"');
    expect(countRows(agora.dataDir)).toEqual(before);
  });

  it('completes the launch with the value read back, and hands the session to a new window when the frame keeps no cookie', async () => {
    const login = await storageLogin(newBrowser(agora.url));
    const frame = newBrowser(agora.url);
    const idToken = platform.sign({ ...learner(), nonce: login.nonce, [LTI.targetLinkUri]: `${agora.url}/lti/launch` });
    const done = await complete(frame, { id_token: idToken, state: login.state, value: login.value });
    expect(done.status).toBe(200);
    const { location, newWindowUrl } = done.body.data as { location: string; newWindowUrl: string };
    expect(location).toMatch(/^\/c\/[0-9A-Z]+$/);
    expect(newWindowUrl).toMatch(/^\/launch\/new-window\/[\w-]+$/);
    expect((await frame.get('/launch/session')).body).toEqual({ ok: true, data: { signedIn: true } });

    const window = newBrowser(agora.url);
    expect((await window.get('/launch/session')).body).toEqual({ ok: true, data: { signedIn: false } });
    const opened = await window.get(newWindowUrl);
    expect(opened.status).toBe(303);
    expect(opened.headers.location).toBe(location);
    const home = await window.get(location);
    expect(home.status).toBe(200);
    expect(home.text).toContain('Ada Lovelace');

    const reused = await newBrowser(agora.url).get(newWindowUrl);
    expect(reused.status).toBe(401);
    expect(reused.text).toContain('expired or was already used');
  });

  it('refuses a completion that did not come from an Agora page', async () => {
    const login = await storageLogin(newBrowser(agora.url));
    const before = countRows(agora.dataDir);
    const idToken = platform.sign({ ...learner(), nonce: login.nonce, [LTI.targetLinkUri]: `${agora.url}/lti/launch` });
    const foreign = await complete(newBrowser(agora.url), { id_token: idToken, state: login.state, value: login.value }, 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toContain('did not come from an Agora page');
    const form = await newBrowser(agora.url).post('/lti/launch/storage').set('Origin', agora.url).type('form').send({ id_token: idToken, state: login.state, value: login.value });
    expect(form.status).toBe(403);
    expect(countRows(agora.dataDir)).toEqual(before);
  });

  it('refuses a browser whose LMS storage did not hold the value, and the launch cannot be retried', async () => {
    const login = await storageLogin(newBrowser(agora.url));
    const before = countRows(agora.dataDir);
    const idToken = platform.sign({ ...learner(), nonce: login.nonce, [LTI.targetLinkUri]: `${agora.url}/lti/launch` });
    const wrong = await complete(newBrowser(agora.url), { id_token: idToken, state: login.state, value: 'guessed' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toContain('could not confirm that this browser started the launch');
    const retried = await complete(newBrowser(agora.url), { id_token: idToken, state: login.state, value: login.value });
    expect(retried.status).toBe(401);
    expect(countRows(agora.dataDir)).toEqual(before);
  });

  it('refuses a value read back for another login', async () => {
    const first = await storageLogin(newBrowser(agora.url));
    const second = await storageLogin(newBrowser(agora.url));
    const idToken = platform.sign({ ...learner(), nonce: second.nonce, [LTI.targetLinkUri]: `${agora.url}/lti/launch` });
    expect((await complete(newBrowser(agora.url), { id_token: idToken, state: second.state, value: first.value })).status).toBe(401);
  });

  it('still checks the token itself when completing through platform storage', async () => {
    const login = await storageLogin(newBrowser(agora.url));
    const idToken = platform.sign({ ...learner(), nonce: 'not-the-nonce', [LTI.targetLinkUri]: `${agora.url}/lti/launch` });
    const refused = await complete(newBrowser(agora.url), { id_token: idToken, state: login.state, value: login.value });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain('its nonce is not the one Agora issued');
  });

  it('explains a blocked cookie without platform storage and offers the same login in a new window, which works', async () => {
    const starter = newBrowser(agora.url);
    const login = await startLogin(starter, platform, agora.url, { login_hint: 'ada', lti_message_hint: 'link-7' });
    const before = countRows(agora.dataDir);
    const page = await postLaunch(newBrowser(agora.url), platform.sign({ ...learner(), nonce: login.nonce, [LTI.targetLinkUri]: login.redirectUri }), login.state).set('Accept', 'text/html');
    expect(page.status).toBe(401);
    expect(page.text).toContain('did not send back the cookie');
    expect(countRows(agora.dataDir)).toEqual(before);
    const link = decodeEntities(/href="([^"]+)" target="_blank" rel="noopener">Open Agora in a new window/.exec(page.text)![1]!);
    const again = new URL(link);
    expect(`${again.origin}${again.pathname}`).toBe(`${agora.url}/lti/login`);
    expect(Object.fromEntries(again.searchParams)).toEqual({
      iss: platform.issuer, client_id: platform.clientId, login_hint: 'ada', target_link_uri: `${agora.url}/lti/launch`,
      lti_deployment_id: platform.deploymentId, lti_message_hint: 'link-7',
    });

    // The new window is a first-party context: its cookie comes back and the launch completes.
    const window = newBrowser(agora.url);
    const restarted = await window.get(`${again.pathname}${again.search}`);
    expect(restarted.status).toBe(302);
    const auth = new URL(restarted.headers.location!);
    const launched = await postLaunch(window, platform.sign({ ...learner(), nonce: auth.searchParams.get('nonce'), [LTI.targetLinkUri]: `${agora.url}/lti/launch` }), auth.searchParams.get('state')!);
    expect(launched.status).toBe(303);
  });

  it('refuses a login naming a storage frame Agora could not address', async () => {
    const response = await newBrowser(agora.url).get('/lti/login').query({
      iss: platform.issuer, login_hint: 'ada', target_link_uri: `${agora.url}/lti/launch`, client_id: platform.clientId, lti_storage_target: 'parent.frames["x"]',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('names a platform storage frame Agora cannot use');
  });
});
