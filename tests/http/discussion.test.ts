import type { TestAgora } from '../support/agora';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { csrfToken, launchIntoCourse, newBrowser, type Browser } from '../support/launch';
import { ROLE, type TestPlatform } from '../support/test-platform';

describe('course home and the first slice of the discussion room', () => {
  let fixture: CourseFixture;
  let agora: TestAgora;
  let platform: TestPlatform;
  let learner: Browser;
  let instructor: Browser;
  let outsider: Browser;
  let courseId: string;
  let otherCourseId: string;

  beforeAll(async () => {
    fixture = await startCourseFixture();
    ({ agora, platform, ada: learner, grace: instructor, eve: outsider, courseId, otherCourseId } = fixture);
  });
  afterAll(() => fixture.close());

  async function postThread(browser: Browser, title: string, body: string) {
    const token = await csrfToken(browser, `/c/${courseId}/discussion`);
    return browser.post(`/c/${courseId}/discussion/threads`).type('form').send({ title, body, _csrf: token });
  }

  it('maps one LMS course to one Agora course whoever launches it', async () => {
    expect(await launchIntoCourse(newBrowser(agora.url), platform, agora.url, platform.claims({ sub: 'ada', name: 'Ada Lovelace', roles: [ROLE.learner] }))).toBe(courseId);
    expect(otherCourseId).not.toBe(courseId);
  });

  it('shows the course home: title, the three spaces, the viewer and their role, with landmarks', async () => {
    const home = await learner.get(`/c/${courseId}`);
    expect(home.status).toBe(200);
    expect(home.text).toContain('Biology 101');
    for (const space of ['Discussion room', 'Hotseat', 'Alumni space']) expect(home.text).toContain(space);
    expect(home.text).toContain('Signed in as <strong>Ada Lovelace</strong> · Learner');
    expect(home.text).toMatch(/<main id="main">/);
    expect(home.text).toMatch(/<nav aria-label="Course spaces">/);
    expect(home.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect((await instructor.get(`/c/${courseId}`)).text).toContain('Grace Hopper</strong> · Course staff');
  });

  it('sends a CSP that allows framing by the registered LMS and no inline script', async () => {
    const home = await learner.get(`/c/${courseId}`);
    const csp = home.headers['content-security-policy']!;
    expect(csp).toContain(`frame-ancestors 'self' ${platform.url}`);
    expect(csp).toContain("script-src 'self'");
    expect(home.headers['x-frame-options']).toBeUndefined();
    expect(home.text).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('tells people what to do in an empty room and in spaces that are not open yet', async () => {
    const room = await outsider.get(`/c/${otherCourseId}/discussion`);
    expect(room.text).toContain('No threads yet.');
    expect((await learner.get(`/c/${courseId}/hotseats`)).text).toContain('No hotseats yet. When staff schedule one, it appears here');
    expect((await learner.get(`/c/${courseId}/alumni`)).text).toContain('past and future cohorts will meet here');
  });

  it('lets a learner start a thread, and anyone in the course reply', async () => {
    const created = await postThread(learner, 'How do enzymes fold?', 'I read **chapter 3** and still wonder.');
    expect(created.status).toBe(303);
    const threadPath = created.headers.location!;
    expect(threadPath).toMatch(new RegExp(`^/c/${courseId}/discussion/threads/[0-9A-Z]+$`));

    const token = await csrfToken(instructor, threadPath);
    const replied = await instructor.post(`${threadPath}/replies`).type('form').send({ body: 'Look at *hydrophobic* collapse.', _csrf: token });
    expect(replied.status).toBe(303);

    const page = await learner.get(threadPath);
    expect(page.text).toContain('How do enzymes fold?');
    expect(page.text).toContain('<strong>chapter 3</strong>');
    expect(page.text).toContain('<em>hydrophobic</em>');
    expect(page.text).toContain('Grace Hopper');
    const list = await learner.get(`/c/${courseId}/discussion`);
    expect(list.text).toContain('How do enzymes fold?');
    expect(list.text).toContain('1 reply');
  });

  it('keeps a rejected form and says what to fix', async () => {
    const response = await postThread(learner, '   ', 'A body without a title');
    expect(response.status).toBe(400);
    expect(response.text).toContain('Give your thread a title.');
    expect(response.text).toContain('A body without a title');
  });

  it('refuses a post that is too long, with the limit in the message', async () => {
    const response = await postThread(learner, 'Long', 'x'.repeat(20_001));
    expect(response.status).toBe(400);
    expect(response.text).toContain('Posts can be up to 20,000 characters');
  });

  it('renders hostile input inert in titles and bodies', async () => {
    const created = await postThread(
      learner,
      '<script>alert("title")</script>',
      '<img src=x onerror=alert(1)> [click](javascript:alert(2)) <iframe src="https://evil.example"></iframe>\n\n![pic](javascript:alert(3))',
    );
    const page = await learner.get(created.headers.location!);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(page.text).not.toMatch(/<img[^>]*onerror/i);
    expect(page.text).not.toMatch(/href="javascript:/i);
    expect(page.text).not.toMatch(/<iframe[^>]*evil/i);
  });

  it('refuses writes without the CSRF token of the session', async () => {
    const response = await learner.post(`/c/${courseId}/discussion/threads`).type('form').send({ title: 'Forged', body: 'From another site' });
    expect(response.status).toBe(403);
    expect(response.text).toContain('Reload the page and try again');
  });

  it('keeps courses apart: a member of another course can neither read nor write here', async () => {
    expect((await outsider.get(`/c/${courseId}`)).status).toBe(403);
    expect((await outsider.get(`/c/${courseId}/discussion`)).status).toBe(403);
    const token = await csrfToken(outsider, `/c/${otherCourseId}/discussion`);
    const write = await outsider.post(`/c/${courseId}/discussion/threads`).type('form').send({ title: 'Intrusion', body: 'x', _csrf: token });
    expect(write.status).toBe(403);
    expect(write.text).toContain('You have not opened this course from your LMS');
    const api = await outsider.get(`/api/courses/${courseId}/threads`);
    expect(api.status).toBe(403);
    expect(api.body.error.code).toBe('NOT_A_MEMBER');
  });

  it('asks someone without a session to open Agora from the LMS', async () => {
    const response = await newBrowser(agora.url).get(`/c/${courseId}`);
    expect(response.status).toBe(401);
    expect(response.text).toContain('Open Agora again from your course in the LMS');
  });

  it('answers the JSON API with the same presenters', async () => {
    const token = await csrfToken(learner, `/c/${courseId}/discussion`);
    const created = await learner.post(`/api/courses/${courseId}/threads`).set('X-CSRF-Token', token).send({ title: 'Via the API', body: 'Hello' });
    expect(created.status).toBe(201);
    expect(created.body.data.thread).toMatchObject({ title: 'Via the API', bodyHtml: '<p>Hello</p>', author: { name: 'Ada Lovelace' }, replyCount: 0 });
    const list = await learner.get(`/api/courses/${courseId}/threads`);
    expect(list.body.data.threads[0]).toMatchObject({ id: created.body.data.thread.id, title: 'Via the API' });
    const invalid = await learner.post(`/api/courses/${courseId}/threads`).set('X-CSRF-Token', token).send({ body: 'no title' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Give your thread a title.' } });
    const malformed = await learner.post(`/api/courses/${courseId}/threads`).set('X-CSRF-Token', token).set('Content-Type', 'application/json').send('{"title":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_BODY');
  });

  it('answers an unknown thread and an unknown page with a 404 page', async () => {
    const thread = await learner.get(`/c/${courseId}/discussion/threads/NOPE`);
    expect(thread.status).toBe(404);
    expect(thread.text).toContain('That thread does not exist in this course');
    const page = await learner.get('/no/such/page');
    expect(page.status).toBe(404);
    expect(page.text).toContain('There is no page at /no/such/page');
  });

  it('reports storage health', async () => {
    const health = await newBrowser(agora.url).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', storage: { ok: true, kind: 'sqlite' } });
  });

  it('serves the LTI public keyset', async () => {
    const keys = await newBrowser(agora.url).get('/lti/keys');
    expect(keys.status).toBe(200);
    expect(keys.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  });
});
