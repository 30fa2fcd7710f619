import type { TestAgora } from '../support/agora';
import { startWithPlatform, type PlatformFixture } from '../support/course-fixture';
import { countRows } from '../support/db';
import { launch, newBrowser, postLaunch, startLogin } from '../support/launch';
import { LTI, ROLE, type Claims, type TestPlatform } from '../support/test-platform';
import { launchLink } from './support/launches';

/**
 * The launch checks Agora makes beyond ltijs (see launch-security.test.ts for the others):
 * target_link_uri must be Agora's and the login's, platform keys are cached and refetched only for
 * an unknown key id, and a launch token is accepted only for a bounded time after it was issued.
 */
describe('stricter launch checks', () => {
  let fixture: PlatformFixture;
  let agora: TestAgora;
  let platform: TestPlatform;

  beforeAll(async () => {
    fixture = await startWithPlatform();
    ({ agora, platform } = fixture);
  });
  afterAll(() => fixture.close());

  const learner = (extra: Claims = {}) => ({ ...platform.claims({ sub: 'learner-1', roles: [ROLE.learner] }), ...extra });

  async function expectRefusal(response: { status: number; text: string }, message: RegExp, before: Record<string, number>) {
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.text).toMatch(message);
    expect(countRows(agora.dataDir)).toEqual(before);
  }

  /** The login for Agora's launch URL, answered by a token naming `target` as its target_link_uri. */
  async function launchAnswering(target: string, claims: Claims = learner()) {
    const browser = newBrowser(agora.url);
    const login = await startLogin(browser, platform, agora.url);
    return postLaunch(browser, platform.sign({ ...claims, nonce: login.nonce, [LTI.targetLinkUri]: target }), login.state);
  }

  describe('target_link_uri', () => {
    it.each([
      ['another site', 'https://evil.example/lti/launch'],
      ['another port of the same host', 'http://127.0.0.1:1/lti/launch'],
      ['another path of Agora', '/lti/keys'],
      ['something that is not a URL', 'not a url'],
    ])('refuses a token whose target is %s', async (_label, target) => {
      const before = countRows(agora.dataDir);
      const absolute = target.startsWith('/') ? `${agora.url}${target}` : target;
      await expectRefusal(await launchAnswering(absolute), /its target_link_uri is not one of Agora&#x27;s launch URLs/, before);
    });

    it('refuses a token for another Agora item than the one the login started', async () => {
      const before = countRows(agora.dataDir);
      await expectRefusal(await launchAnswering(`${agora.url}/lti/launch?agora_target=alumni`), /for another Agora link than the one your LMS started/, before);
    });

    it('accepts a deep-linked item whose login and token name the same item', async () => {
      const response = await launchLink(newBrowser(agora.url), platform, agora.url, learner(), `${agora.url}/lti/launch?agora_target=hotseat`);
      expect(response.status).toBe(303);
      expect(response.headers.location).toMatch(/\/hotseats$/);
    });
  });

  describe('platform keys', () => {
    it('fetches the LMS keys once for several launches', async () => {
      await launch(newBrowser(agora.url), platform, agora.url, learner());
      const before = platform.jwksRequests;
      for (let i = 0; i < 3; i += 1) expect((await launch(newBrowser(agora.url), platform, agora.url, learner())).status).toBe(303);
      expect(platform.jwksRequests).toBe(before);
    });

    it('fetches them again when a launch is signed with a key it has not seen (the LMS rotated its keys), then keeps using them', async () => {
      const before = platform.jwksRequests;
      platform.rotateKey('rotated-key-2');
      expect((await launch(newBrowser(agora.url), platform, agora.url, learner())).status).toBe(303);
      expect(platform.jwksRequests).toBe(before + 1);
      expect((await launch(newBrowser(agora.url), platform, agora.url, learner())).status).toBe(303);
      expect(platform.jwksRequests).toBe(before + 1);
    });

    it('does not let made-up key ids make Agora fetch the LMS keys again and again', async () => {
      const before = platform.jwksRequests;
      const refusals = [];
      for (let i = 0; i < 4; i += 1) {
        refusals.push(await launch(newBrowser(agora.url), platform, agora.url, learner(), { alg: 'RS256', kid: `made-up-${i}` }));
      }
      for (const refused of refusals) expect(refused.text).toMatch(/not signed by a key your LMS publishes/);
      expect(platform.jwksRequests - before).toBeLessThanOrEqual(1);
    });
  });

  describe('token lifetime', () => {
    const now = () => Math.floor(Date.now() / 1000);

    it('accepts a token issued 80 seconds ago (a slow first launch from Moodle, whose tokens live 60 s, plus clock skew)', async () => {
      const response = await launch(newBrowser(agora.url), platform, agora.url, learner({ iat: now() - 80, exp: now() + 60 }));
      expect(response.status).toBe(303);
    });

    it('refuses a token issued more than 90 seconds ago, whatever its expiry says', async () => {
      const before = countRows(agora.dataDir);
      await expectRefusal(await launch(newBrowser(agora.url), platform, agora.url, learner({ iat: now() - 100, exp: now() + 86_400 })), /This launch has expired/, before);
    });

    it('refuses a token dated in the future beyond clock skew', async () => {
      const before = countRows(agora.dataDir);
      await expectRefusal(await launch(newBrowser(agora.url), platform, agora.url, learner({ iat: now() + 300, exp: now() + 600 })), /dated in the future/, before);
    });

    it('refuses a token that is not yet valid (nbf)', async () => {
      const before = countRows(agora.dataDir);
      await expectRefusal(await launch(newBrowser(agora.url), platform, agora.url, learner({ nbf: now() + 300 })), /dated in the future/, before);
    });
  });
});
