import { certificationCases, certificationPrivateKey } from '../support/certification';
import { registerPlatform, startTestAgora, type TestAgora } from '../support/agora';
import { countRows } from '../support/db';
import { launch, newBrowser, startLogin, postLaunch } from '../support/launch';
import { LTI, TestPlatform } from '../support/test-platform';

/**
 * Every 1EdTech certification case through the real login → launch path. The cases name the
 * validator's issuer, client id and deployment; we register exactly those, sign with the
 * certification key, and swap in the nonce Agora issued and a fresh iat/exp (unless keep.json
 * says the stale values are the point of the case), as the certification suite does live.
 */
const cases = certificationCases();

/** What each valid case must become in the course. */
const EXPECTED_ROLE: Record<string, 'Course staff' | 'Learner'> = {
  'Assignments and Grades - Core Launch': 'Course staff',
  'Deep Linking - Core Launch of Passed LTI Link': 'Learner',
  'Deep Linking - Send Deep Linking Request Payload': 'Course staff',
  'Launch Instructor No PII': 'Course staff',
  'Launch Instructor Only Email': 'Course staff',
  'Launch Instructor Only Names': 'Course staff',
  'Launch Instructor With No Role': 'Learner',
  'Launch Instructor with Multiple Role Values': 'Course staff',
  'Launch Instructor with Short Role Value': 'Course staff',
  'Launch Instructor with Unknown Role': 'Learner',
  'Launch LTI 1.3 Message as Instructor': 'Course staff',
  'Launch LTI 1.3 Message as Student': 'Learner',
  'Launch Student No PII': 'Learner',
  'Launch Student Only Email': 'Learner',
  'Launch Student Only Names': 'Learner',
  'Launch Student Only Resource Link': 'Learner',
  'Launch Student With No Role': 'Learner',
  'Launch Student with Multiple Role Values': 'Learner',
  'Launch Student with Short Role Value': 'Learner',
  'Launch Student with Unknown Role': 'Learner',
  'Names and Roles - Core Launch if Needed': 'Course staff',
};

describe('LTI 1.3 certification cases', () => {
  let agora: TestAgora;
  let platform: TestPlatform;

  beforeAll(async () => {
    agora = await startTestAgora();
    platform = await TestPlatform.start({
      issuer: 'https://ltiadvantagevalidator.imsglobal.org',
      clientId: 'imstester_3dfad6d',
      deploymentId: 'testdeploy',
      privateKeyPem: certificationPrivateKey(),
    });
    await registerPlatform(agora, platform);
  });
  afterAll(async () => {
    await agora.close();
    await platform.close();
  });

  it('covers every case in the shared folder', () => {
    expect(cases.filter((c) => c.valid).map((c) => c.name).sort()).toEqual(Object.keys(EXPECTED_ROLE).sort());
    expect(cases.filter((c) => !c.valid).length).toBeGreaterThanOrEqual(13);
  });

  function prepare(payload: Record<string, unknown>, keep: string[], nonce: string, launchUrl: string) {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { ...payload };
    if ('nonce' in claims) claims.nonce = nonce;
    if (LTI.targetLinkUri in claims) claims[LTI.targetLinkUri] = launchUrl;
    if ('iat' in claims && !keep.includes('iat')) claims.iat = now;
    if ('exp' in claims && !keep.includes('exp')) claims.exp = now + 300;
    return claims;
  }

  const isDeepLinking = (payload: Record<string, unknown>) => payload[LTI.messageType] === 'LtiDeepLinkingRequest';

  describe.each(cases.filter((c) => c.valid).map((c) => [c.name, c] as const))('valid: %s', (_name, testCase) => {
    it('launches into the course home with the right role (a deep linking request into the picker first)', async () => {
      const browser = newBrowser(agora.url);
      const login = await startLogin(browser, platform, agora.url);
      const idToken = platform.sign(prepare(testCase.payload, testCase.keep, login.nonce, login.redirectUri), testCase.header ?? undefined);
      const response = await postLaunch(browser, idToken, login.state);
      expect(response.status).toBe(303);
      if (isDeepLinking(testCase.payload)) {
        expect(response.headers.location).toMatch(/^\/c\/[0-9A-Z]+\/deep-link\/[\w-]+$/);
        const picker = await browser.get(response.headers.location!);
        expect(picker.status).toBe(200);
        expect(picker.text).toContain('Add Agora to your course');
      }
      const courseHome = response.headers.location!.replace(/\/deep-link\/.*$/, '');
      expect(courseHome).toMatch(/^\/c\/[0-9A-Z]+$/);

      const home = await browser.get(courseHome);
      expect(home.status).toBe(200);
      expect(home.text).toContain('Bio Adventures');
      expect(home.text).toContain(EXPECTED_ROLE[testCase.name]);
      expect(home.text).toContain('Discussion room');
    });
  });

  describe.each(cases.filter((c) => !c.valid).map((c) => [c.name, c] as const))('invalid: %s', (_name, testCase) => {
    it('is refused with a clear error page and stores nothing', async () => {
      const before = countRows(agora.dataDir);
      const browser = newBrowser(agora.url);
      const login = await startLogin(browser, platform, agora.url);
      const idToken = platform.sign(prepare(testCase.payload, testCase.keep, login.nonce, login.redirectUri), testCase.header ?? undefined);
      const response = await postLaunch(browser, idToken, login.state).set('Accept', 'text/html');

      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      const message = /<p class="error-message" role="alert">([^<]+)<\/p>/.exec(response.text)?.[1] ?? '';
      expect(message.length).toBeGreaterThan(30);
      expect(response.text).not.toMatch(/at \w+ \(|node_modules|Error:/);
      expect(countRows(agora.dataDir)).toEqual(before);
    });
  });

  it('says exactly why a launch without a course is refused', async () => {
    const testCase = cases.find((c) => c.name === 'Launch Instructor With Email No Context')!;
    const browser = newBrowser(agora.url);
    const response = await launch(browser, platform, agora.url, prepare(testCase.payload, [], '', ''));
    expect(response.status).toBe(401);
    expect(response.text).toContain('did not say which course');
  });
});
