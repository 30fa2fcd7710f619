import type { TestAgora } from '../support/agora';
import { startWithPlatform, type PlatformFixture } from '../support/course-fixture';
import { launch, launchIntoCourse, newBrowser, type Browser } from '../support/launch';
import { act } from '../support/room';
import { ROLE, type TestPlatform } from '../support/test-platform';
import { decodeJwtPayload, field, launchLink, startThread } from './support/launches';

/**
 * Deep linking against the test LMS: an instructor's "Select content" lands on Agora's picker,
 * the chosen item goes back as a signed LtiDeepLinkingResponse that the LMS verifies with Agora's
 * published keys, and launching the link that creates opens exactly that item.
 */
const CONTENT_ITEMS = 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items';

describe('deep linking', () => {
  let fixture: PlatformFixture;
  let agora: TestAgora;
  let platform: TestPlatform;
  let grace: Browser;
  let courseId: string;
  let threadId: string;

  const instructor = (extra = {}) => platform.claims({ sub: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor], extra: { ...platform.services.deepLinkingClaims(), ...extra } });

  beforeAll(async () => {
    fixture = await startWithPlatform();
    ({ agora, platform } = fixture);
    platform.services.toolJwksUrl = `${agora.url}/lti/keys`;
    grace = newBrowser(agora.url);
    courseId = await launchIntoCourse(grace, platform, agora.url, platform.claims({ sub: 'grace', name: 'Grace Hopper', roles: [ROLE.instructor] }));
    threadId = await startThread(grace, courseId, 'Why do proteins fold?');
  });
  afterAll(() => fixture.close());

  /** A deep linking launch into the picker; returns the picker's path. */
  async function openPicker(browser: Browser, claims = instructor()): Promise<string> {
    const response = await launch(browser, platform, agora.url, claims);
    expect(response.status).toBe(303);
    expect(response.headers.location).toMatch(new RegExp(`^/c/${courseId}/deep-link/[\\w-]+$`));
    return response.headers.location!;
  }

  /** Picks an item and hands the auto-submitted form to the LMS, as the browser would. */
  async function pickAndReturn(browser: Browser, picker: string, form: Record<string, string>) {
    const page = await browser.get(picker);
    const answer = await browser.post(picker).type('form').send({ _csrf: field(page.text, '_csrf'), ...form });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`action="${platform.services.deepLinkReturnUrl}"`);
    const jwt = field(answer.text, 'JWT');
    const returned = await fetch(platform.services.deepLinkReturnUrl, { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });
    expect({ status: returned.status, body: await returned.text() }).toEqual({ status: 200, body: expect.stringContaining('Link added') });
    return { page: answer, payload: decodeJwtPayload(jwt) };
  }

  it('shows staff a picker of the course home, the spaces and the recent threads', async () => {
    const picker = await openPicker(grace);
    const page = await grace.get(picker);
    expect(page.status).toBe(200);
    for (const label of ['Course home', 'Discussion room', 'Hotseat', 'Alumni space', 'Why do proteins fold?']) expect(page.text).toContain(label);
    expect(page.text).toContain(`value="thread:${threadId}"`);
  });

  it('answers with a signed response the LMS verifies, carrying its data back and one link to the chosen thread', async () => {
    const { payload } = await pickAndReturn(grace, await openPicker(grace), { item: `thread:${threadId}` });
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/data']).toBe('opaque-platform-data');
    expect(payload).not.toHaveProperty(['https://purl.imsglobal.org/spec/lti-dl/claim/errormsg ']);
    expect(payload[CONTENT_ITEMS]).toEqual([{
      type: 'ltiResourceLink',
      title: 'Why do proteins fold?',
      text: 'A thread in the discussion room of Biology 101.',
      url: `${agora.url}/lti/launch?agora_target=thread%3A${threadId}`,
      custom: { agora_target: `thread:${threadId}` },
    }]);
  });

  it('opens exactly the linked thread when the link is launched, through the whole login and launch path', async () => {
    const { payload } = await pickAndReturn(grace, await openPicker(grace), { item: `thread:${threadId}`, title: 'Read this first' });
    const item = (payload[CONTENT_ITEMS] as Array<{ url: string; custom: Record<string, string>; title: string }>)[0]!;
    expect(item.title).toBe('Read this first');
    const ada = newBrowser(agora.url);
    const response = await launchLink(ada, platform, agora.url, platform.claims({ sub: 'ada', roles: [ROLE.learner], extra: { 'https://purl.imsglobal.org/spec/lti/claim/custom': item.custom } }), item.url);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/c/${courseId}/discussion/threads/${threadId}`);
    const thread = await ada.get(response.headers.location!);
    expect(thread.status).toBe(200);
    expect(thread.text).toContain('Why do proteins fold?');
  });

  it.each([
    ['discussion', `/discussion`],
    ['hotseat', `/hotseats`],
    ['alumni', `/alumni`],
    ['home', ``],
  ])('links the %s space and launching the link lands there', async (item, suffix) => {
    const { payload } = await pickAndReturn(grace, await openPicker(grace), { item });
    const link = (payload[CONTENT_ITEMS] as Array<{ url: string }>)[0]!;
    // Only the target_link_uri this time: some platforms drop custom parameters of deep-linked items.
    const response = await launchLink(newBrowser(agora.url), platform, agora.url, platform.claims({ sub: 'ada', roles: [ROLE.learner] }), link.url);
    expect(response.headers.location).toBe(`/c/${courseId}${suffix}`);
  });

  it('links one hotseat session, and launching the link opens that hotseat', async () => {
    const scheduled = await act(grace, courseId, `/c/${courseId}/hotseats`, {
      title: 'Ask the author', startsAt: new Date(Date.now() + 3_600_000).toISOString(), endsAt: new Date(Date.now() + 7_200_000).toISOString(), publish: true,
    });
    expect(scheduled.status).toBe(201);
    const hotseatId = scheduled.body.data.id as string;
    const picker = await openPicker(grace);
    expect((await grace.get(picker)).text).toContain('Ask the author');
    const { payload } = await pickAndReturn(grace, picker, { item: `hotseat:${hotseatId}` });
    const link = (payload[CONTENT_ITEMS] as Array<{ url: string; title: string }>)[0]!;
    expect(link.title).toBe('Hotseat: Ask the author');
    const response = await launchLink(newBrowser(agora.url), platform, agora.url, platform.claims({ sub: 'ada', roles: [ROLE.learner] }), link.url);
    expect(response.headers.location).toBe(`/c/${courseId}/hotseats/${hotseatId}`);
  });

  it('sends back an empty answer when staff cancel, so the LMS closes its dialog', async () => {
    const { payload } = await pickAndReturn(grace, await openPicker(grace), { action: 'cancel' });
    expect(payload[CONTENT_ITEMS]).toEqual([]);
    expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/msg']).toBe('Nothing was added from Agora.');
  });

  it('allows the LMS return address as a form target on the answer page only', async () => {
    const picker = await openPicker(grace);
    const page = await grace.get(picker);
    expect(page.headers['content-security-policy']).toMatch(/form-action 'self'(;|$)/);
    const answer = await grace.post(picker).type('form').send({ _csrf: field(page.text, '_csrf'), item: 'discussion' });
    expect(answer.headers['content-security-policy']).toContain(`form-action 'self' ${platform.url}`);
    expect(answer.text).toContain('src="/static/js/lti-autosubmit.js"');
    expect(answer.text).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('answers a request once: a second submission is refused with a sentence', async () => {
    const picker = await openPicker(grace);
    const page = await grace.get(picker);
    const csrf = field(page.text, '_csrf');
    expect((await grace.post(picker).type('form').send({ _csrf: csrf, item: 'home' })).status).toBe(200);
    const again = await grace.post(picker).type('form').send({ _csrf: csrf, item: 'home' });
    expect(again.status).toBe(404);
    expect(again.text).toContain('already answered');
  });

  it('asks staff to choose an item, refuses a thread of no course, and keeps the request open meanwhile', async () => {
    const picker = await openPicker(grace);
    const page = await grace.get(picker);
    const nothing = await grace.post(picker).type('form').send({ _csrf: field(page.text, '_csrf') });
    expect(nothing.status).toBe(400);
    expect(nothing.text).toContain('Choose what the link opens');
    const unknown = await grace.post(picker).type('form').send({ _csrf: field(page.text, '_csrf'), item: 'thread:NOPE' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('That thread is not in this course any more');
    expect((await grace.get(picker)).status).toBe(200);
  });

  it('tells a learner who reaches the picker that only staff add links', async () => {
    const ada = newBrowser(agora.url);
    const picker = await openPicker(ada, platform.claims({ sub: 'ada', roles: [ROLE.learner], extra: platform.services.deepLinkingClaims() }));
    const page = await ada.get(picker);
    expect(page.status).toBe(403);
    expect(page.text).toContain('Only course staff can add Agora links to the course.');
  });

  it('keeps another person out of someone else\'s picker', async () => {
    const picker = await openPicker(grace);
    const other = newBrowser(agora.url);
    await launchIntoCourse(other, platform, agora.url, platform.claims({ sub: 'alan', roles: [ROLE.instructor] }));
    const page = await other.get(picker);
    expect(page.status).toBe(404);
    expect(page.text).toContain('has expired or was already answered');
  });

  it('says so when the LMS accepts no links here', async () => {
    const picker = await openPicker(grace, instructor(platform.services.deepLinkingClaims({ accept_types: ['file', 'html'] })));
    const page = await grace.get(picker);
    expect(page.text).toContain('it accepts: file, html');
  });

  it('refuses a deep linking request without a return address, before storing anything', async () => {
    const bad = instructor();
    (bad['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] as Record<string, unknown>).deep_link_return_url = 'javascript:alert(1)';
    const response = await launch(newBrowser(agora.url), platform, agora.url, bad);
    expect(response.status).toBe(401);
    expect(response.text).toContain('does not say where to send the chosen link');
  });
});
