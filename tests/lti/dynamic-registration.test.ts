import { startTestAgora, type TestAgora } from '../support/agora';
import { launchIntoCourse, newBrowser } from '../support/launch';
import { NRPS_SCOPE } from '../support/lti-platform-services';
import { ROLE, TestPlatform } from '../support/test-platform';
import { decodeEntities } from './support/launches';

/**
 * Dynamic registration against the test LMS, whose OpenID configuration and registration endpoints
 * both demand the registration token as a Bearer header (as Canvas does). The registration URL an
 * administrator pastes carries a one-time invitation Agora issued.
 */
const TOOL_CONFIG = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

describe('dynamic registration', () => {
  let agora: TestAgora;
  const platforms: TestPlatform[] = [];

  beforeAll(async () => {
    agora = await startTestAgora();
  });
  afterAll(async () => {
    await agora.close();
    for (const platform of platforms) await platform.close();
  });

  async function lms(options: Parameters<typeof TestPlatform.start>[0] = {}): Promise<TestPlatform> {
    const platform = await TestPlatform.start({ clientId: `dyn-${platforms.length}`, deploymentId: `dep-${platforms.length}`, ...options });
    platform.services.registeredClientId = platform.clientId;
    platform.services.registeredDeploymentId = platform.deploymentId;
    platforms.push(platform);
    return platform;
  }

  /** The path the LMS opens: Agora's registration URL plus the two parameters it adds. */
  async function registrationPath(platform: TestPlatform, token: string | null = platform.services.registrationToken): Promise<string> {
    const { url } = await agora.lti.registration.invite();
    const target = new URL(url);
    target.searchParams.set('openid_configuration', platform.services.openIdConfigurationUrl);
    if (token) target.searchParams.set('registration_token', token);
    return `${target.pathname}${target.search}`;
  }

  async function register(path: string) {
    const browser = newBrowser(agora.url);
    const page = await browser.get(path);
    expect(page.status).toBe(200);
    const hidden = (name: string) => decodeEntities(new RegExp(`name="${name}" value="([^"]*)"`).exec(page.text)![1]!);
    return browser.post(path).type('form').send({ openid_configuration: hidden('openid_configuration'), registration_token: hidden('registration_token') });
  }

  it('shows the administrator which LMS is asking before registering anything', async () => {
    const platform = await lms();
    const page = await newBrowser(agora.url).get(await registrationPath(platform));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Register Agora with Moodle');
    expect(page.text).toContain(platform.issuer);
    // It runs in the LMS's window or frame and must be able to tell it to close.
    expect(page.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(platform.services.registrations).toHaveLength(0);
    expect(await agora.lti.registry.find(platform.issuer, platform.clientId)).toBeNull();
  });

  it('registers at the LMS with the token as a Bearer header, records the platform and its deployment, and launches work', async () => {
    const platform = await lms();
    const done = await register(await registrationPath(platform));
    expect(done.status).toBe(200);
    expect(done.text).toContain('Agora is registered');
    expect(done.text).toContain('src="/static/js/lti-registration-done.js"');

    const request = platform.services.registrations[0]!;
    expect(request).toMatchObject({
      initiate_login_uri: `${agora.url}/lti/login`,
      redirect_uris: [`${agora.url}/lti/launch`, `${agora.url}/lti/deep-link`],
      jwks_uri: `${agora.url}/lti/keys`,
      token_endpoint_auth_method: 'private_key_jwt',
    });
    // Only the scopes the LMS says it supports.
    expect(String(request.scope).split(' ').sort()).toEqual([NRPS_SCOPE, 'https://purl.imsglobal.org/spec/lti-ags/scope/score'].sort());
    const tool = request[TOOL_CONFIG] as { messages: Array<{ type: string }>; custom_parameters: Record<string, string> };
    expect(tool.messages.map((m) => m.type)).toEqual(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']);
    expect(tool.custom_parameters).not.toHaveProperty('course_end_at');

    expect(await agora.lti.registry.find(platform.issuer, platform.clientId)).toMatchObject({
      authUrl: `${platform.url}/auth`, tokenUrl: platform.services.tokenUrl, jwksUrl: `${platform.url}/jwks`, deploymentIds: [platform.deploymentId],
    });
    const courseId = await launchIntoCourse(newBrowser(agora.url), platform, agora.url, platform.claims({ sub: 'admin', roles: [ROLE.instructor] }));
    expect(courseId).toMatch(/^[0-9A-Z]+$/);
  });

  it('asks Canvas for its placements, privacy level and Canvas-only custom variables', async () => {
    const platform = await lms();
    platform.services.productFamily = 'canvas';
    expect((await register(await registrationPath(platform))).status).toBe(200);
    const tool = platform.services.registrations[0]![TOOL_CONFIG] as Record<string, unknown> & { messages: Array<{ type: string; placements: string[] }>; custom_parameters: Record<string, string> };
    expect(tool.messages).toEqual([
      expect.objectContaining({ type: 'LtiResourceLinkRequest', placements: ['course_navigation'] }),
      expect.objectContaining({ type: 'LtiDeepLinkingRequest', placements: ['link_selection', 'assignment_selection'] }),
    ]);
    expect(tool.custom_parameters).toMatchObject({ course_end_at: '$Canvas.course.endAt', context_id_history: '$Context.id.history' });
    expect(tool['https://canvas.instructure.com/lti/privacy_level']).toBe('public');
  });

  it('uses an invitation once', async () => {
    const platform = await lms();
    const path = await registrationPath(platform);
    expect((await register(path)).status).toBe(200);
    const again = await newBrowser(agora.url).get(path);
    expect(again.status).toBe(403);
    expect(again.text).toContain('This registration URL has expired or was already used');
  });

  it('refuses a registration URL without a valid invitation, saying how to get one', async () => {
    const platform = await lms();
    for (const path of ['/lti/register', `/lti/register/forged?openid_configuration=${encodeURIComponent(platform.services.openIdConfigurationUrl)}`]) {
      const page = await newBrowser(agora.url).get(path);
      expect(page.status).toBe(403);
      expect(page.text).toContain('npm run registration -- invite');
    }
    expect(platform.services.registrations).toHaveLength(0);
  });

  it('says the registration token is missing when the LMS will not show its configuration without it', async () => {
    const platform = await lms();
    const page = await newBrowser(agora.url).get(await registrationPath(platform, null));
    expect(page.status).toBe(400);
    expect(page.text).toContain('the registration token is missing or has expired');
  });

  it('refuses a configuration that names another issuer than the site it came from', async () => {
    const platform = await lms({ issuer: 'https://lms.elsewhere.example' });
    const page = await newBrowser(agora.url).get(await registrationPath(platform));
    expect(page.status).toBe(400);
    expect(page.text).toContain('names the issuer https://lms.elsewhere.example, which is not where it was fetched from');
  });

  it('registers the platform but says what to do when the LMS returns no deployment id', async () => {
    const platform = await lms();
    platform.services.registeredDeploymentId = null;
    const done = await register(await registrationPath(platform));
    expect(done.status).toBe(200);
    expect(decodeEntities(done.text)).toContain(`npm run platform -- add --issuer ${platform.issuer} --client-id ${platform.clientId} --deployment <Deployment ID>`);
    expect((await agora.lti.registry.find(platform.issuer, platform.clientId))!.deploymentIds).toEqual([]);
  });
});
