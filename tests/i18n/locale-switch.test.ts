import { createSession, hashToken } from '../../src/auth/sessions';
import { LIMITS } from '../../src/domain/discussion';
import { translate } from '../../src/i18n/translate';
import { startCourseFixture, type CourseFixture } from '../support/course-fixture';
import { launchIntoCourse, newBrowser, type Browser } from '../support/launch';
import { act, postThread, threadPath } from '../support/room';
import { ROLE } from '../support/test-platform';

/**
 * The locale switch, end to end through real signed launches: the launch's `locale` claim picks the
 * language of every page, date, error page and JSON error message of that session; a locale Agora
 * does not speak, or none, means English; the next launch decides again.
 */
/** "22 nov 2026, 14:30 UTC": Spanish abbreviates months in lower case ("sept" in some ICU versions). */
const SPANISH_DATE_TIME = /\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic) \d{4}, \d{1,2}:\d{2} UTC/;
const ENGLISH_DATE_TIME = /\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec) \d{4}, \d{1,2}:\d{2} UTC/;

describe('the language follows the launch', () => {
  let f: CourseFixture;
  let courseId: string;
  let threadId: string;

  /** Lucía, a learner of Biology 101, launching with the locale her LMS sends (or none). */
  const launchLucia = (browser: Browser, locale?: string) => launchIntoCourse(browser, f.platform, f.agora.url, f.platform.claims({
    sub: 'lucia', name: 'Lucía Pérez', roles: [ROLE.learner], ...(locale ? { locale } : {}),
  }));
  const spanishBrowser = async () => {
    const browser = newBrowser(f.agora.url);
    await launchLucia(browser, 'es-ES');
    return browser;
  };

  beforeAll(async () => {
    f = await startCourseFixture();
    courseId = f.courseId;
    threadId = (await postThread(f.ada, courseId, { title: 'Cell membranes', body: 'What crosses them?' })).id;
  });
  afterAll(() => f.close());

  it('shows the course in Spanish, with Spanish dates, after a launch asking for es-ES', async () => {
    const lucia = await spanishBrowser();
    const home = await lucia.get(`/c/${courseId}`);
    expect(home.status).toBe(200);
    expect(home.text).toContain('<html lang="es">');
    expect(home.text).toContain(`>${translate('es', 'layout.skipToContent')}</a>`);
    expect(home.text).not.toContain('Skip to content');
    const thread = await lucia.get(threadPath(courseId, threadId));
    expect(thread.text).toMatch(SPANISH_DATE_TIME);
    expect(thread.text).not.toMatch(ENGLISH_DATE_TIME);
    // The page scripts get their words in Spanish too.
    expect(thread.text).toContain(`"client.reload":"${translate('es', 'client.reload')}"`);
  });

  it('keeps English, and English dates, for someone whose launch asked for English in the same course', async () => {
    const page = await f.ada.get(threadPath(courseId, threadId));
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('Skip to content');
    expect(page.text).toMatch(ENGLISH_DATE_TIME);
  });

  it('says a missing page in Spanish, with the same code', async () => {
    const lucia = await spanishBrowser();
    const missing = await lucia.get(`/c/${courseId}/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<html lang="es">');
    expect(missing.text).toContain(`<h1>${translate('es', 'layout.notFoundTitle')}</h1>`);
    expect(missing.text).toContain(translate('es', 'errors.noPage', { path: `/c/${courseId}/nowhere` }));
    expect(missing.text).toContain('<code>NOT_FOUND</code>');
  });

  it('says JSON errors in Spanish, from a form check and from a command, with the codes English gets', async () => {
    const lucia = await spanishBrowser();
    const untitled = await act(lucia, courseId, `/c/${courseId}/discussion/threads`, { body: 'No title' });
    expect(untitled.status).toBe(400);
    expect(untitled.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'Ponle un título a tu hilo.' } });

    const long = 'x'.repeat(LIMITS.titleMax + 50);
    const [spanish, english] = await Promise.all([act(lucia, courseId, `/c/${courseId}/discussion/threads`, { title: long, body: 'Text' }), act(f.ada, courseId, `/c/${courseId}/discussion/threads`, { title: long, body: 'Text' })]);
    expect(spanish.body.error).toEqual({ code: 'TITLE_TOO_LONG', message: translate('es', 'errors.titleTooLong', { max: LIMITS.titleMax, length: long.length }) });
    expect(english.body.error).toEqual({ code: 'TITLE_TOO_LONG', message: `Keep the title under ${LIMITS.titleMax} characters (it has ${long.length}).` });
    expect(spanish.body.error.message).not.toEqual(english.body.error.message);
  });

  it.each<[string | undefined, string]>([['fr-FR', 'a language Agora does not speak'], [undefined, 'no locale at all']])('speaks English after a launch with %s (%s)', async (locale) => {
    const browser = newBrowser(f.agora.url);
    await launchLucia(browser, locale);
    const home = await browser.get(`/c/${courseId}`);
    expect(home.text).toContain('<html lang="en">');
    expect(home.text).toContain('Skip to content');
  });

  it('keeps no locale claim that is not a language tag: the launch works, in English, and nothing of it is stored', async () => {
    const browser = newBrowser(f.agora.url);
    await launchLucia(browser, `es-${'x'.repeat(200)}<script>`);
    expect((await browser.get(`/c/${courseId}`)).text).toContain('<html lang="en">');
    const members = await f.agora.storage.memberships.listByCourse(courseId);
    const lucia = (await f.agora.storage.people.findByIds(members.map((m) => m.personId))).find((person) => person.subject === 'lucia')!;
    expect(lucia.locale).toBeNull();
  });

  it('switches back to English at the next launch that asks for it, and to Spanish again after', async () => {
    const browser = await spanishBrowser();
    expect((await browser.get(`/c/${courseId}`)).text).toContain('<html lang="es">');
    await launchLucia(browser, 'en-US');
    expect((await browser.get(`/c/${courseId}`)).text).toContain('<html lang="en">');
    await launchLucia(browser, 'es-419');
    expect((await browser.get(`/c/${courseId}`)).text).toContain('<html lang="es">');
  });

  it("follows the browser's language before any launch", async () => {
    const welcome = await newBrowser(f.agora.url).get('/').set('Accept-Language', 'es-MX,es;q=0.9,en;q=0.5');
    expect(welcome.text).toContain('<html lang="es">');
    const english = await newBrowser(f.agora.url).get('/').set('Accept-Language', 'fr, en;q=0.5');
    expect(english.text).toContain('<html lang="en">');
  });

  it("refuses a broken launch in the browser's language, before any session exists", async () => {
    const refused = await newBrowser(f.agora.url).post('/lti/launch').set('Accept-Language', 'es').type('form').send({});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<html lang="es">');
    expect(refused.text).toContain(translate('es', 'errors.launchNoIdToken'));
    const english = await newBrowser(f.agora.url).post('/lti/launch').type('form').send({});
    expect(english.text).toContain('The launch request has no id_token. Open Agora from your course in the LMS.');
  });

  it("gives a session the person's locale when it starts, as an email sign-in link's does", async () => {
    await spanishBrowser();
    const members = await f.agora.storage.memberships.listByCourse(courseId);
    const people = await f.agora.storage.people.findByIds(members.map((m) => m.personId));
    const lucia = people.find((person) => person.subject === 'lucia')!;
    expect(lucia.locale).toBe('es-ES');
    const options = { storage: f.agora.storage, secret: 'test-secret', secureCookies: false, ttlMs: 60_000, now: () => new Date() };
    const token = await createSession(options, lucia.id, 'alumni');
    expect(await f.agora.storage.sessions.findActive(hashToken(token), new Date())).toMatchObject({ scope: 'alumni', locale: 'es-ES' });
  });
});
